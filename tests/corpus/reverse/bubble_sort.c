/* Sorting inside the function (data-dependent swaps of active values), then a rank-weighted sum: the
 * gradient is a permutation of the weights. */
#include "enzyme_reverse_test.h"

#define N 7

static double sorted_weighted(const double *x, int n)
{
    double a[N];
    for (int i = 0; i < n; i++) a[i] = x[i] * x[i] * x[i];
    for (int i = 0; i < n; i++)
        for (int j = 0; j + 1 < n - i; j++)
            if (a[j] > a[j + 1]) { double t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
    double s = 0.0;
    for (int i = 0; i < n; i++) s += (i + 1) * a[i];
    return s;
}

static double ws(double *x, void *c) { (void)c; return sorted_weighted(x, N); }

int main(void)
{
    rev_seed(98);
    double x[N], dx[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff_v((void *)sorted_weighted, x, dx, N);
    for (int i = 0; i < N; i++) {
        int rank = 0;
        for (int j = 0; j < N; j++) rank += x[j] < x[i];
        check_close("closed", dx[i], (rank + 1) * 3.0 * x[i] * x[i], 1e-14);
    }
    rev_check_grad("fd", ws, 0, x, dx, N, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("sorted", w * __enzyme_fwddiff((void *)sorted_weighted, x, v, N), w * rev_dot(v, dx, N));
    return corpus_exit();
}
