/* RK4 integration of a damped nonlinear oscillator, differentiated w.r.t. the initial condition and a parameter. */
#include "enzyme_test.h"

typedef struct { double damping, stiffness; } Params;

__attribute__((noinline)) static void rhs(const double *y, const Params *p, double *dy)
{
    dy[0] = y[1];
    dy[1] = -p->damping * y[1] - p->stiffness * sin(y[0]);
}

static double integrate(double y0, double v0, Params *p, int steps, double dt)
{
    double y[2] = {y0, v0}, k1[2], k2[2], k3[2], k4[2], t[2];
    for (int s = 0; s < steps; s++) {
        rhs(y, p, k1);
        for (int i = 0; i < 2; i++) t[i] = y[i] + 0.5 * dt * k1[i];
        rhs(t, p, k2);
        for (int i = 0; i < 2; i++) t[i] = y[i] + 0.5 * dt * k2[i];
        rhs(t, p, k3);
        for (int i = 0; i < 2; i++) t[i] = y[i] + dt * k3[i];
        rhs(t, p, k4);
        for (int i = 0; i < 2; i++) y[i] += dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return y[0];
}

static double w_y0(double y0) { Params p = {0.3, 2.0}; return integrate(y0, 0.1, &p, 100, 0.05); }
static double w_k(double k) { Params p = {0.3, k}; return integrate(0.8, 0.1, &p, 100, 0.05); }
static double w_dt(double dt) { Params p = {0.3, 2.0}; return integrate(0.8, 0.1, &p, 100, dt); }

int main(void)
{
    Params p = {0.3, 2.0}, dp0 = {0.0, 0.0}, dpk = {0.0, 1.0};
    check_close("d/dy0", __enzyme_fwddiff((void *)integrate, 0.8, 1.0, 0.1, 0.0, &p, &dp0, 100, 0.05, 0.0), central_diff(w_y0, 0.8, CORPUS_H), 1e-6);
    check_close("d/dstiffness", __enzyme_fwddiff((void *)integrate, 0.8, 0.0, 0.1, 0.0, &p, &dpk, 100, 0.05, 0.0), central_diff(w_k, 2.0, CORPUS_H), 1e-6);
    check_close("d/ddt", __enzyme_fwddiff((void *)integrate, 0.8, 0.0, 0.1, 0.0, enzyme_const, &p, 100, 0.05, 1.0), central_diff(w_dt, 0.05, CORPUS_H), 1e-6);
    return corpus_exit();
}
