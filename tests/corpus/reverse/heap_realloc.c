/* realloc of memory holding active data: a buffer grown by doubling while values are appended, shrunk to
 * its length, grown one element per iteration, and realloc(NULL, n) as malloc. Reverse mode sees each
 * realloc as malloc + copy + free, so the old block and its shadow live until the reverse sweep has
 * passed the copy; the copy's adjoint moves the new block's adjoints back into the old one. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

#define N 9

static double grow_shrink(const double *x, int n)
{
    int cap = 1, len = 0;
    double *buf = malloc(sizeof(double));
    for (int i = 0; i < n; i++) {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap * sizeof(double));
        }
        buf[len++] = sin(x[i]) * x[(i + 1) % n];
    }
    buf = realloc(buf, len * sizeof(double));
    double s = 0.0;
    for (int i = 0; i < len; i++)
        s += buf[i] * buf[i] + buf[i];
    free(buf);
    return s;
}

/* One element more per iteration; the running sum reads the whole prefix again. */
static double prefix_energy(const double *x, int n)
{
    double *buf = realloc(NULL, sizeof(double));
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        buf = realloc(buf, sizeof(double) * (i + 1));
        buf[i] = x[i] * x[i];
        for (int j = 0; j <= i; j++)
            s += buf[j] * x[j];
    }
    free(buf);
    return s;
}

static double grow_at(double *x, void *unused) { (void)unused; return grow_shrink(x, N); }
static double prefix_at(double *x, void *unused) { (void)unused; return prefix_energy(x, N); }

int main(void)
{
    rev_seed(404);
    double x[N], v[N], dx[N] = {0}, dp[N] = {0};
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff((void *)grow_shrink, enzyme_dup, x, dx, enzyme_const, N);
    rev_check_grad("grow_shrink", grow_at, NULL, x, dx, N, REV_H, REV_TOL);
    rev_check_dot("grow_shrink", __enzyme_fwddiff((void *)grow_shrink, enzyme_dup, x, v, enzyme_const, N), rev_dot(v, dx, N));
    __enzyme_autodiff((void *)prefix_energy, enzyme_dup, x, dp, enzyme_const, N);
    rev_check_grad("prefix_energy", prefix_at, NULL, x, dp, N, REV_H, REV_TOL);
    rev_check_dot("prefix_energy", __enzyme_fwddiff((void *)prefix_energy, enzyme_dup, x, v, enzyme_const, N), rev_dot(v, dp, N));
    return corpus_exit();
}
