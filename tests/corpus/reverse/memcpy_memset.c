/* memcpy / memmove / memset inside the function: active data copied between buffers, a buffer cleared. */
#include "enzyme_reverse_test.h"
#include <string.h>

#define N 8

static double copy_ops(const double *x, int n)
{
    double a[N], b[N];
    memcpy(a, x, sizeof(double) * n);
    for (int i = 0; i < n; i++) a[i] = a[i] * a[i] + 1.0;
    memset(b, 0, sizeof b);
    memcpy(b + 2, a, sizeof(double) * (n - 2));
    memmove(a + 1, a, sizeof(double) * (n - 1)); /* overlapping: shift right */
    double s = 0.0;
    for (int i = 0; i < n; i++) s += a[i] * b[i] + sin(b[i]);
    return s;
}

/* copies into the caller's buffer, overwriting it */
static double copy_into(double *dst, const double *src, int n)
{
    memcpy(dst, src, sizeof(double) * n);
    for (int i = 0; i < n; i++) dst[i] *= src[(i + 1) % n];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += dst[i] * dst[i];
    return s;
}

static double wc(double *x, void *c) { return copy_ops(x, *(int *)c); }
static double wi(double *x, void *c) { double d[N]; (void)c; return copy_into(d, x, N); }

int main(void)
{
    rev_seed(35);
    int n = N;
    double x[N], dx[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    double w = rev_rand();
    __enzyme_autodiff_v((void *)copy_ops, x, dx, n);
    rev_check_grad("copy_ops", wc, &n, x, dx, N, REV_H, REV_TOL);
    rev_check_dot("copy_ops", w * __enzyme_fwddiff((void *)copy_ops, x, v, n), w * rev_dot(v, dx, N));

    double d[N], dd[N] = {0}, ds[N] = {0}, td[N] = {0};
    __enzyme_autodiff_v((void *)copy_into, d, dd, x, ds, N);
    rev_check_grad("copy_into", wi, 0, x, ds, N, REV_H, REV_TOL);
    int zero = 1;
    for (int i = 0; i < N; i++) zero &= dd[i] == 0.0;
    check_true("overwritten dst shadow is zero", zero);
    rev_check_dot("copy_into", w * __enzyme_fwddiff((void *)copy_into, d, td, x, v, N), w * rev_dot(v, ds, N));
    return corpus_exit();
}
