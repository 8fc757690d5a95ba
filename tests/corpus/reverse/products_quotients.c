/* Long products and quotient chains (the reverse pass needs every partial product). */
#include "enzyme_reverse_test.h"

static double prod(const double *x, int n)
{
    double p = 1.0;
    for (int i = 0; i < n; i++) p *= x[i];
    return p;
}

static double quot_chain(const double *x, int n)
{
    double q = x[0];
    for (int i = 1; i < n; i++) q = q / x[i] + x[i] / (q + 2.0);
    return q;
}

static double wp(double *x, void *c) { return prod(x, *(int *)c); }
static double wq(double *x, void *c) { return quot_chain(x, *(int *)c); }

int main(void)
{
    rev_seed(51);
    int n = 9;
    double x[9], dx[9] = {0}, dq[9] = {0}, v[9];
    for (int i = 0; i < 9; i++) x[i] = 1.0 + 0.5 * rev_rand();
    rev_rand_fill(v, 9);
    double w = rev_rand();
    __enzyme_autodiff_v((void *)prod, x, dx, n);
    double p = prod(x, n);
    for (int i = 0; i < 9; i++) check_close("prod closed", dx[i], p / x[i], 1e-13);
    rev_check_grad("prod", wp, &n, x, dx, 9, REV_H, REV_TOL);
    rev_check_dot("prod", w * __enzyme_fwddiff((void *)prod, x, v, n), w * rev_dot(v, dx, 9));
    __enzyme_autodiff_v((void *)quot_chain, x, dq, n);
    rev_check_grad("quot_chain", wq, &n, x, dq, 9, REV_H, REV_TOL);
    rev_check_dot("quot_chain", w * __enzyme_fwddiff((void *)quot_chain, x, v, n), w * rev_dot(v, dq, 9));
    return corpus_exit();
}
