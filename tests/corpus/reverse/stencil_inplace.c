/* In-place 1-D stencil sweeps that overwrite their input array (Gauss-Seidel style and Jacobi with a
 * saved neighbour), several sweeps, nonlinear update; the result is a weighted sum of the final array. */
#include "enzyme_reverse_test.h"

#define N 10

static double gauss_seidel(double *u, int n, int sweeps)
{
    for (int s = 0; s < sweeps; s++)
        for (int i = 1; i < n - 1; i++) u[i] = 0.25 * (u[i - 1] + 2.0 * u[i] + u[i + 1]) + 0.05 * u[i] * u[i];
    double r = 0.0;
    for (int i = 0; i < n; i++) r += (i + 1) * u[i];
    return r;
}

static double jacobi_saved(double *u, int n, int sweeps)
{
    for (int s = 0; s < sweeps; s++) {
        double left = u[0];
        for (int i = 1; i < n - 1; i++) {
            double old = u[i];
            u[i] = 0.5 * old + 0.25 * (left + u[i + 1]) + 0.1 * sin(old);
            left = old;
        }
    }
    double r = 0.0;
    for (int i = 0; i < n; i++) r += u[i] * u[i];
    return r;
}

static double wgs(double *u, void *c) { double t[N]; for (int i = 0; i < N; i++) t[i] = u[i]; (void)c; return gauss_seidel(t, N, 4); }
static double wj(double *u, void *c) { double t[N]; for (int i = 0; i < N; i++) t[i] = u[i]; (void)c; return jacobi_saved(t, N, 5); }

int main(void)
{
    rev_seed(25);
    double u0[N], u[N], du[N], v[N], tu[N];
    rev_rand_fill(u0, N);
    rev_rand_fill(v, N);
    double w = rev_rand();

    for (int i = 0; i < N; i++) { u[i] = u0[i]; du[i] = 0.0; }
    __enzyme_autodiff_v((void *)gauss_seidel, u, du, N, 4);
    rev_check_grad("gauss_seidel", wgs, 0, u0, du, N, REV_H, REV_TOL);
    for (int i = 0; i < N; i++) { u[i] = u0[i]; tu[i] = v[i]; }
    rev_check_dot("gauss_seidel", w * __enzyme_fwddiff((void *)gauss_seidel, u, tu, N, 4), w * rev_dot(v, du, N));

    for (int i = 0; i < N; i++) { u[i] = u0[i]; du[i] = 0.0; }
    __enzyme_autodiff_v((void *)jacobi_saved, u, du, N, 5);
    rev_check_grad("jacobi_saved", wj, 0, u0, du, N, REV_H, REV_TOL);
    /* the primal effect of the derivative call: u holds the swept values */
    double ref[N];
    for (int i = 0; i < N; i++) ref[i] = u0[i];
    jacobi_saved(ref, N, 5);
    check_close("jacobi primal u[4]", u[4], ref[4], 1e-15);
    for (int i = 0; i < N; i++) { u[i] = u0[i]; tu[i] = v[i]; }
    rev_check_dot("jacobi_saved", w * __enzyme_fwddiff((void *)jacobi_saved, u, tu, N, 5), w * rev_dot(v, du, N));
    return corpus_exit();
}
