/* do/while loops: a Newton iteration for cube roots with a data-dependent exit, and a fixed-count do/while. */
#include "enzyme_reverse_test.h"

static double cbrt_newton(double a)
{
    double x = a > 1.0 ? a : 1.0;
    double prev;
    do {
        prev = x;
        x = x - (x * x * x - a) / (3.0 * x * x);
    } while (fabs(x - prev) > 1e-14 * x);
    return x;
}

static double damped(const double *c, int n)
{
    double y = 1.0;
    int i = 0;
    do {
        y = y * c[i] + sin(y);
        i++;
    } while (i < n);
    return y;
}

static double wd(double *c, void *k) { return damped(c, *(int *)k); }

int main(void)
{
    rev_seed(14);
    double a = 5.0;
    double g = __enzyme_autodiff((void *)cbrt_newton, a);
    check_close("cbrt closed", g, 1.0 / (3.0 * cbrt(a) * cbrt(a)), 1e-10);
    double v = rev_rand(), w = rev_rand();
    rev_check_dot("cbrt", w * __enzyme_fwddiff((void *)cbrt_newton, a, v), v * w * g);

    double c[6] = {0.9, 1.1, -0.5, 0.7, 1.3, 0.2}, dc[6] = {0}, vc[6];
    int n = 6;
    rev_rand_fill(vc, 6);
    __enzyme_autodiff_v((void *)damped, c, dc, n);
    rev_check_grad("damped", wd, &n, c, dc, 6, REV_H, REV_TOL);
    rev_check_dot("damped", w * __enzyme_fwddiff((void *)damped, c, vc, n), w * rev_dot(vc, dc, 6));
    /* n = 1 runs the body exactly once */
    double dc1[6] = {0};
    n = 1;
    __enzyme_autodiff_v((void *)damped, c, dc1, n);
    rev_check_grad("damped n=1", wd, &n, c, dc1, 6, REV_H, REV_TOL);
    return corpus_exit();
}
