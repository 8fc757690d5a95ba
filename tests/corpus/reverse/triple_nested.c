/* Triple-nested loops: a 3-index contraction T[i][j][k] x_i x_j x_k plus a cubic tensor built from x. */
#include "enzyme_reverse_test.h"

#define N 5

static double contract(const double *x, const double *t, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            for (int k = 0; k < n; k++)
                s += t[(i * n + j) * n + k] * x[i] * x[j] * sin(x[k]);
    return s;
}

static double wx(double *x, void *c) { return contract(x, (const double *)c, N); }
static double wt(double *t, void *c) { return contract((const double *)c, t, N); }

int main(void)
{
    rev_seed(21);
    double x[N], dx[N] = {0}, vx[N], t[N * N * N], dt[N * N * N] = {0}, vt[N * N * N];
    rev_rand_fill(x, N);
    rev_rand_fill(t, N * N * N);
    rev_rand_fill(vx, N);
    rev_rand_fill(vt, N * N * N);
    __enzyme_autodiff_v((void *)contract, x, dx, t, dt, N);
    rev_check_grad("dx", wx, t, x, dx, N, REV_H, REV_TOL);
    rev_check_grad("dt", wt, x, t, dt, N * N * N, REV_H, REV_TOL);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)contract, x, vx, t, vt, N);
    rev_check_dot("contract", w * jv, w * (rev_dot(vx, dx, N) + rev_dot(vt, dt, N * N * N)));
    return corpus_exit();
}
