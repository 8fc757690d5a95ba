/* Static helper functions (inlined by the engine in reverse mode): a chain of helpers, one called in a loop,
 * one writing through an output pointer, one returning a struct by value. */
#include "enzyme_reverse_test.h"

typedef struct { double lo, hi; } Pair;

static double sq(double x) { return x * x; }
static double softplus(double x) { return log1p(exp(x)); }
static void axpy(double a, const double *x, double *y, int n) { for (int i = 0; i < n; i++) y[i] += a * x[i]; }
static Pair minmax_soft(double a, double b) { Pair p = {a - softplus(a - b), b + softplus(a - b)}; return p; }

static double model(const double *x, int n)
{
    double y[8] = {0};
    for (int i = 0; i < n; i++) y[i] = sq(x[i]);
    axpy(0.5, x, y, n);
    double s = 0.0;
    for (int i = 0; i + 1 < n; i++) {
        Pair p = minmax_soft(y[i], y[i + 1]);
        s += p.hi * p.lo + softplus(p.lo);
    }
    return s;
}

static double wm(double *x, void *c) { return model(x, *(int *)c); }

int main(void)
{
    rev_seed(53);
    int n = 8;
    double x[8], dx[8] = {0}, v[8];
    rev_rand_fill(x, 8);
    rev_rand_fill(v, 8);
    __enzyme_autodiff_v((void *)model, x, dx, n);
    rev_check_grad("model", wm, &n, x, dx, 8, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("model", w * __enzyme_fwddiff((void *)model, x, v, n), w * rev_dot(v, dx, 8));
    return corpus_exit();
}
