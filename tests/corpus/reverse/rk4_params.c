/* RK4 integration of a damped nonlinear oscillator, gradient of a trajectory loss w.r.t. the parameters
 * (damping, stiffness: enzyme_out) and the initial state (dup), helper rhs inlined. */
#include "enzyme_reverse_test.h"

static void rhs(const double *y, double damping, double stiffness, double *dy)
{
    dy[0] = y[1];
    dy[1] = -damping * y[1] - stiffness * sin(y[0]);
}

static double trajectory_loss(double damping, double stiffness, const double *y0, int steps, double dt)
{
    double y[2] = {y0[0], y0[1]}, k1[2], k2[2], k3[2], k4[2], t[2];
    double L = 0.0;
    for (int s = 0; s < steps; s++) {
        rhs(y, damping, stiffness, k1);
        for (int i = 0; i < 2; i++) t[i] = y[i] + 0.5 * dt * k1[i];
        rhs(t, damping, stiffness, k2);
        for (int i = 0; i < 2; i++) t[i] = y[i] + 0.5 * dt * k2[i];
        rhs(t, damping, stiffness, k3);
        for (int i = 0; i < 2; i++) t[i] = y[i] + dt * k3[i];
        rhs(t, damping, stiffness, k4);
        for (int i = 0; i < 2; i++) y[i] += dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        L += dt * y[0] * y[0];
    }
    return L + y[1];
}

static double wpar(double *p, void *c) { return trajectory_loss(p[0], p[1], (const double *)c, 80, 0.05); }
static double wy0(double *y0, void *c) { double *p = (double *)c; return trajectory_loss(p[0], p[1], y0, 80, 0.05); }

int main(void)
{
    rev_seed(61);
    double p[2] = {0.3, 2.0}, y0[2] = {0.8, 0.1}, dy0[2] = {0, 0};
    Grad2 g = __enzyme_autodiff2((void *)trajectory_loss, p[0], p[1], y0, dy0, 80, enzyme_const, 0.05);
    double gr[2] = {g.a, g.b};
    rev_check_grad("dparams", wpar, y0, p, gr, 2, REV_H, REV_TOL);
    rev_check_grad("dy0", wy0, p, y0, dy0, 2, REV_H, REV_TOL);
    double v[2], vy[2], w = rev_rand();
    rev_rand_fill(v, 2);
    rev_rand_fill(vy, 2);
    double jv = __enzyme_fwddiff((void *)trajectory_loss, p[0], v[0], p[1], v[1], y0, vy, 80, enzyme_const, 0.05);
    rev_check_dot("rk4", w * jv, w * (rev_dot(v, gr, 2) + rev_dot(vy, dy0, 2)));
    return corpus_exit();
}
