/* Loops with compile-time trip counts: a fixed-length dot-like sum and a fixed-count iteration on a scalar. */
#include "enzyme_reverse_test.h"

#define N 8

static double weighted(const double *x)
{
    double s = 0.0;
    for (int i = 0; i < N; i++) s += (i + 1) * x[i] * x[(i + 3) % N];
    return s;
}

static double iterate(double a, double x0)
{
    double x = x0;
    for (int k = 0; k < 12; k++) x = x - 0.1 * (x * x - a) + 0.01 * sin(x);
    return x;
}

static double ww(double *x, void *c) { (void)c; return weighted(x); }
static double wi(double *p, void *c) { (void)c; return iterate(p[0], p[1]); }

int main(void)
{
    rev_seed(11);
    double x[N], dx[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff_v((void *)weighted, x, dx);
    rev_check_grad("weighted", ww, 0, x, dx, N, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("weighted", w * __enzyme_fwddiff((void *)weighted, x, v), w * rev_dot(v, dx, N));

    double p[2] = {2.0, 1.2};
    Grad2 g = __enzyme_autodiff2((void *)iterate, p[0], p[1]);
    double gr[2] = {g.a, g.b};
    rev_check_grad("iterate", wi, 0, p, gr, 2, REV_H, REV_TOL);
    rev_check_dot("iterate", w * __enzyme_fwddiff((void *)iterate, p[0], v[0], p[1], v[1]), w * (v[0] * g.a + v[1] * g.b));
    return corpus_exit();
}
