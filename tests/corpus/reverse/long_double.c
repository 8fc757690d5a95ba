/* long double (x87 80-bit) arithmetic and math functions; the adjoint is returned as long double. */
#include "enzyme_reverse_test.h"

static long double lf(long double x) { return x * x * sinl(x) + expl(-x) / (1.0L + x); }
static long double lsum(const long double *x, int n)
{
    long double s = 0.0L;
    for (int i = 0; i < n; i++) s += sqrtl(1.0L + x[i] * x[i]) * logl(2.0L + x[i] * x[i]);
    return s;
}
static double wl(double x) { return (double)lf((long double)x); }

int main(void)
{
    long double x = 0.9L;
    long double g = __enzyme_autodiff_l((void *)lf, x);
    long double closed = 2 * x * sinl(x) + x * x * cosl(x) - expl(-x) / (1 + x) - expl(-x) / ((1 + x) * (1 + x));
    check_close("lf closed", (double)g, (double)closed, 1e-15);
    check_close("lf fd", (double)g, central_diff(wl, 0.9, REV_H), 1e-6);
    check_close("lf dot", (double)(0.3L * __enzyme_fwddiff_l((void *)lf, x, 0.7L)), (double)(0.7L * 0.3L * g), 1e-14);

    long double a[4] = {0.5L, -1.0L, 2.0L, 0.1L}, da[4] = {0, 0, 0, 0}, va[4] = {0.3L, -0.2L, 0.9L, 0.5L};
    __enzyme_autodiff_v((void *)lsum, a, da, 4);
    long double vj = 0.0L;
    for (int i = 0; i < 4; i++) {
        long double t = a[i];
        long double d = t / sqrtl(1 + t * t) * logl(2 + t * t) + sqrtl(1 + t * t) * 2 * t / (2 + t * t);
        check_close("lsum", (double)da[i], (double)d, 1e-15);
        vj += va[i] * da[i];
    }
    rev_check_dot("lsum", (double)__enzyme_fwddiff_l((void *)lsum, a, va, 4), (double)vj);
    return corpus_exit();
}
