/* while loops whose exit depends on the (active) data: bisection-free fixed point, halving until small. */
#include "enzyme_reverse_test.h"

/* repeatedly take square roots until the value is below 1.01; number of steps depends on x */
static double sqrt_until(double x)
{
    double s = 0.0;
    while (x > 1.01) {
        x = sqrt(x);
        s += x;
    }
    return s + x;
}

/* accumulate a[i]*b until the partial sum exceeds a threshold (data-dependent length) */
static double partial(const double *a, double b, int n)
{
    double s = 0.0;
    int i = 0;
    while (i < n && s < 3.0) {
        s += a[i] * a[i] * b;
        i++;
    }
    return s * b;
}

static double wp(double *a, void *c) { return partial(a, *(double *)c, 10); }
static double wpb(double *b, void *c) { return partial((double *)c, b[0], 10); }

int main(void)
{
    rev_seed(13);
    double x = 37.0;
    double g = __enzyme_autodiff((void *)sqrt_until, x);
    check_close("sqrt_until", g, central_diff(sqrt_until, x, 1e-5), 1e-6);
    double w = rev_rand(), v = rev_rand();
    rev_check_dot("sqrt_until", w * __enzyme_fwddiff((void *)sqrt_until, x, v), v * w * g);

    double a[10], da[10] = {0}, va[10];
    for (int i = 0; i < 10; i++) a[i] = 0.3 + 0.1 * i;
    rev_rand_fill(va, 10);
    double b = 1.1;
    double gb = __enzyme_autodiff((void *)partial, a, da, b, 10);
    rev_check_grad("partial da", wp, &b, a, da, 10, REV_H, REV_TOL);
    rev_check_grad("partial db", wpb, a, &b, &gb, 1, REV_H, REV_TOL);
    double vb = rev_rand();
    rev_check_dot("partial", w * __enzyme_fwddiff((void *)partial, a, va, b, vb, 10), w * (rev_dot(va, da, 10) + vb * gb));
    return corpus_exit();
}
