/*
 * Classic explicit RK4 integration of a two-prey, two-predator Lotka-Volterra system for 10^4
 * steps; the loss is the squared distance of the final state from a target, and the gradient is
 * taken with respect to the 8 rate parameters. Timed: the loss, Enzyme reverse mode (one sweep
 * back through every step, the engine caching what the stages need), Enzyme forward mode once
 * per parameter, and central differences.
 *
 * The time_* entry point runs the ADBench timing loop on the caller's buffers, so the gradient
 * the C# side checks is the one the last timed call produced.
 */
#include <math.h>
#include <string.h>
#include "../../common/adbench_timing.h"

#define RK4_STATES 4
#define RK4_PARAMS 8

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

/* Prey x1, x2 grow at p0, p1 and are eaten by both predators (p2, p3 with cross-terms at half
 * strength); predators y1, y2 grow with their preferred prey (p4, p5) and die at p6, p7. */
static void rates(const double *p, const double *s, double *ds)
{
    double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3];
    ds[0] = x1 * (p[0] - p[2] * y1 - 0.5 * p[2] * y2);
    ds[1] = x2 * (p[1] - 0.5 * p[3] * y1 - p[3] * y2);
    ds[2] = y1 * (p[4] * (x1 + 0.5 * x2) - p[6]);
    ds[3] = y2 * (p[5] * (0.5 * x1 + x2) - p[7]);
}

/* 0.5 |s(T) - target|^2 after `steps` RK4 steps of size dt from s0. */
double rk4_loss(const double *params, const double *s0, const double *target, int steps, double dt)
{
    double s[RK4_STATES], k1[RK4_STATES], k2[RK4_STATES], k3[RK4_STATES], k4[RK4_STATES], tmp[RK4_STATES];
    memcpy(s, s0, sizeof s);
    for (int n = 0; n < steps; ++n) {
        rates(params, s, k1);
        for (int i = 0; i < RK4_STATES; ++i)
            tmp[i] = s[i] + 0.5 * dt * k1[i];
        rates(params, tmp, k2);
        for (int i = 0; i < RK4_STATES; ++i)
            tmp[i] = s[i] + 0.5 * dt * k2[i];
        rates(params, tmp, k3);
        for (int i = 0; i < RK4_STATES; ++i)
            tmp[i] = s[i] + dt * k3[i];
        rates(params, tmp, k4);
        for (int i = 0; i < RK4_STATES; ++i)
            s[i] += dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
    double loss = 0.0;
    for (int i = 0; i < RK4_STATES; ++i)
        loss += 0.5 * (s[i] - target[i]) * (s[i] - target[i]);
    return loss;
}

struct rk4_state {
    const double *params, *s0, *target;
    int steps;
    double dt, *loss, *grad, h;
};

static void run_primal(void *p)
{
    struct rk4_state *s = p;
    *s->loss = rk4_loss(s->params, s->s0, s->target, s->steps, s->dt);
}

static void run_reverse(void *p)
{
    struct rk4_state *s = p;
    memset(s->grad, 0, RK4_PARAMS * sizeof(double)); /* Enzyme accumulates into the shadow */
    __enzyme_autodiff((void *)rk4_loss, enzyme_dup, s->params, s->grad, enzyme_const, s->s0, enzyme_const, s->target,
                      enzyme_const, s->steps, enzyme_const, s->dt);
}

/* One forward-mode sweep per parameter, each seeded with a unit vector. */
static void run_forward(void *p)
{
    struct rk4_state *s = p;
    for (int k = 0; k < RK4_PARAMS; ++k) {
        double seed[RK4_PARAMS] = { 0 };
        seed[k] = 1.0;
        s->grad[k] = __enzyme_fwddiff((void *)rk4_loss, enzyme_dup, s->params, seed, enzyme_const, s->s0, enzyme_const,
                                      s->target, enzyme_const, s->steps, enzyme_const, s->dt);
    }
}

static void run_central_differences(void *p)
{
    struct rk4_state *s = p;
    double params[RK4_PARAMS];
    memcpy(params, s->params, sizeof params);
    for (int k = 0; k < RK4_PARAMS; ++k) {
        double saved = params[k], step = s->h * (fabs(saved) > 1.0 ? fabs(saved) : 1.0);
        params[k] = saved + step;
        double plus = rk4_loss(params, s->s0, s->target, s->steps, s->dt);
        params[k] = saved - step;
        double minus = rk4_loss(params, s->s0, s->target, s->steps, s->dt);
        params[k] = saved;
        s->grad[k] = (plus - minus) / (2.0 * step);
    }
}

int rk4_param_count(void) { return RK4_PARAMS; }
int rk4_state_count(void) { return RK4_STATES; }

/* tool: 0 the loss, 1 Enzyme reverse, 2 Enzyme forward per parameter, 3 central differences
 * (step h). Returns seconds per call; loss and grad hold the last call's results. */
double rk4_time(int tool, const double *params, const double *s0, const double *target, int steps, double dt,
                double *loss, double *grad, double h)
{
    struct rk4_state s = { params, s0, target, steps, dt, loss, grad, h };
    switch (tool) {
    case 0: return adbench_seconds_per_call(run_primal, &s);
    case 1: return adbench_seconds_per_call(run_reverse, &s);
    case 2: return adbench_seconds_per_call(run_forward, &s);
    case 3: return adbench_seconds_per_call(run_central_differences, &s);
    default: return -1.0;
    }
}
