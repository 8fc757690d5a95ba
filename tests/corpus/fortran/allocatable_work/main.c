/* allocatable_work: gradient of a Fortran function with allocatable locals (explicit allocate, allocation
 * and reallocation by assignment) against central differences, plus the primal against the same formula
 * in C, which also checks the engine's replacement of the runtime's _FortranAAssign. */
#include "enzyme_reverse_test.h"

#define N 7

double smoothed_norm(int n, const double *x);

static double norm_of(double *x, void *unused)
{
    (void)unused;
    return smoothed_norm(N, x);
}

static double reference(const double *x)
{
    double t[N], r = 0.0;
    for (int i = 0; i < N; i++) t[i] = exp(0.3 * x[i]) * sin(x[i]);
    for (int i = 0; i < N; i++) r += (t[i] * t[i] + x[i]) * t[i];
    for (int i = 0; i + 1 < N; i++) r += (t[i + 1] - t[i]) * (t[i + 1] - t[i]);
    return r;
}

int main(void)
{
    rev_seed(23);
    double x[N], dx[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    check_close("primal", smoothed_norm(N, x), reference(x), 1e-13);

    __enzyme_autodiff_v((void *)smoothed_norm, N, x, dx);
    rev_check_grad("dx", norm_of, NULL, x, dx, N, REV_H, REV_TOL);
    rev_check_dot("smoothed_norm", __enzyme_fwddiff((void *)smoothed_norm, N, x, v), rev_dot(v, dx, N));
    return corpus_exit();
}
