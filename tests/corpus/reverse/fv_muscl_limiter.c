/* A 1-D finite-volume solver for the inviscid Burgers equation on a periodic grid: MUSCL reconstruction
 * with a minmod slope limiter written with fmin/fmax/copysign (kinks where slopes change sign or
 * compare equal), a local Lax-Friedrichs (Rusanov) flux with the wave speed max(|uL|, |uR|) from fmax
 * and fabs, and two-stage SSP Runge-Kutta time stepping with ping-pong buffers. Gradient of a
 * smooth functional of the final state w.r.t. the initial cell averages and the time step
 * (enzyme_out); dot-product test. The random data keep every slope ratio away from the kinks. */
#include "enzyme_reverse_test.h"

#define NC 16

static double minmod(double a, double b)
{
    double s = 0.5 * (copysign(1.0, a) + copysign(1.0, b));
    return s * fmin(fabs(a), fabs(b));
}

static void residual(const double *u, double *r, double dx)
{
    double flux[NC + 1];
    for (int f = 0; f <= NC; f++) {
        int l = (f - 1 + NC) % NC, rr = f % NC;
        int ll = (l - 1 + NC) % NC, rrr = (rr + 1) % NC;
        double uL = u[l] + 0.5 * minmod(u[l] - u[ll], u[rr] - u[l]);
        double uR = u[rr] - 0.5 * minmod(u[rr] - u[l], u[rrr] - u[rr]);
        double a = fmax(fabs(uL), fabs(uR));
        flux[f] = 0.25 * (uL * uL + uR * uR) - 0.5 * a * (uR - uL);
    }
    for (int i = 0; i < NC; i++) r[i] = -(flux[i + 1] - flux[i]) / dx;
}

static double burgers(const double *u0, int steps, double dt)
{
    double u[NC], u1[NC], r[NC];
    const double dx = 1.0 / NC;
    for (int i = 0; i < NC; i++) u[i] = u0[i];
    for (int s = 0; s < steps; s++) {
        residual(u, r, dx);
        for (int i = 0; i < NC; i++) u1[i] = u[i] + dt * r[i];
        residual(u1, r, dx);
        for (int i = 0; i < NC; i++) u[i] = 0.5 * u[i] + 0.5 * (u1[i] + dt * r[i]);
    }
    double J = 0.0;
    for (int i = 0; i < NC; i++) J += sin(2.0 * M_PI * (i + 0.5) / NC) * u[i] + 0.5 * u[i] * u[i] * u[i];
    return J;
}

#define STEPS 6
static double wu(double *u, void *dt) { return burgers(u, STEPS, *(double *)dt); }

int main(void)
{
    rev_seed(1617);
    double u[NC], du[NC] = {0}, vu[NC], dt = 0.01;
    for (int i = 0; i < NC; i++) u[i] = 0.5 + 0.4 * sin(2.0 * M_PI * i / NC) + 0.15 * rev_rand();
    rev_rand_fill(vu, NC);
    double ddt = __enzyme_autodiff((void *)burgers, u, du, STEPS, dt);
    rev_check_grad("du0", wu, &dt, u, du, NC, REV_H, REV_TOL);
    check_close("ddt", ddt, (burgers(u, STEPS, dt + REV_H) - burgers(u, STEPS, dt - REV_H)) / (2 * REV_H), REV_TOL);
    double vdt = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)burgers, u, vu, STEPS, dt, vdt);
    rev_check_dot("burgers", w * jv, w * (rev_dot(vu, du, NC) + vdt * ddt));
    return corpus_exit();
}
