/* if/else chains inside loops: data-dependent (on active values) and index-dependent, with phis of active values. */
#include "enzyme_reverse_test.h"

static double piecewise(const double *x, int n)
{
    double s = 0.0, carry = 1.0;
    for (int i = 0; i < n; i++) {
        double t;
        if (x[i] > 0.5)
            t = x[i] * x[i];
        else if (x[i] > -0.3)
            t = sin(x[i]) * carry;
        else
            t = exp(x[i]) - carry;
        if (i & 1) carry = carry * 0.5 + t;
        else carry = carry - 0.25 * t * t;
        s += t * carry;
    }
    return s;
}

static double wp(double *x, void *c) { return piecewise(x, *(int *)c); }

int main(void)
{
    rev_seed(23);
    int n = 16;
    double x[16], dx[16] = {0}, v[16];
    for (int i = 0; i < 16; i++) x[i] = 1.2 * rev_rand();
    rev_rand_fill(v, 16);
    __enzyme_autodiff_v((void *)piecewise, x, dx, n);
    rev_check_grad("piecewise", wp, &n, x, dx, 16, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("piecewise", w * __enzyme_fwddiff((void *)piecewise, x, v, n), w * rev_dot(v, dx, 16));
    return corpus_exit();
}
