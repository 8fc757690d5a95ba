/* calls_c_helper: gradient of a Fortran objective that calls back into C (soft_barrier in penalty.c),
 * with respect to the parameters p (dup) while the data t, y are constant. */
#include "enzyme_reverse_test.h"

#define N 8

double fit_objective(int n, const double *p, const double *t, const double *y);

static double t[N], y[N];

static double objective_of(double *p, void *unused)
{
    (void)unused;
    return fit_objective(N, p, t, y);
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        t[i] = 0.25 * i;
        y[i] = 1.2 * exp(-0.7 * t[i]) + 0.1 + 0.02 * sin(3.0 * i);
    }
    double p[3] = {1.0, 0.5, 0.3}, dp[3] = {0}, v[3] = {0.3, -0.2, 0.9};
    __enzyme_autodiff_v((void *)fit_objective, N, p, dp, enzyme_const, t, enzyme_const, y);
    rev_check_grad("dp", objective_of, NULL, p, dp, 3, REV_H, REV_TOL);
    rev_check_dot("fit_objective", __enzyme_fwddiff((void *)fit_objective, N, p, v, enzyme_const, t, enzyme_const, y),
                  rev_dot(v, dp, 3));
    return corpus_exit();
}
