/* Recursion in reverse mode: each call runs the callee's augmented function in the forward sweep
 * (returning a tape) and its reverse function in the reverse sweep. Direct recursion over an
 * array (depth 10^4), mutual recursion, and recursion with a struct result. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

#define DEPTH 10000

static double tail_sum(const double *x, int n)
{
    if (n == 0)
        return 0.0;
    return sin(x[n - 1]) * x[n - 1] + tail_sum(x, n - 1);
}

static double even(double x, int n);
static double odd(double x, int n) { return n == 0 ? x : sin(even(x, n - 1)); }
static double even(double x, int n) { return n == 0 ? x * x : 1.5 * odd(x, n - 1); }

typedef struct { double value, weight; } Pair;
static Pair chain(double x, int n)
{
    if (n == 0) {
        Pair p = {x, 1.0};
        return p;
    }
    Pair inner = chain(x * 0.9, n - 1);
    Pair p = {inner.value * cos(x) + x, inner.weight * x};
    return p;
}
static double chain_total(double x) { Pair p = chain(x, 12); return p.value + p.weight; }

static double w_odd(double *x, void *c) { (void)c; return odd(x[0], 6); }
static double w_chain(double *x, void *c) { (void)c; return chain_total(x[0]); }

int main(void)
{
    rev_seed(10000);
    double *x = malloc(sizeof(double) * DEPTH), *dx = calloc(DEPTH, sizeof(double));
    for (int i = 0; i < DEPTH; i++)
        x[i] = 0.5 * sin(0.01 * i);
    __enzyme_autodiff_v((void *)tail_sum, enzyme_dup, x, dx, enzyme_const, DEPTH);
    for (int i = 0; i < DEPTH; i += 997) {
        char what[32];
        snprintf(what, sizeof what, "tail_sum[%d]", i);
        check_close(what, dx[i], cos(x[i]) * x[i] + sin(x[i]), 1e-14);
    }

    double p[1] = {0.4}, g[1] = {__enzyme_autodiff((void *)odd, 0.4, enzyme_const, 6)};
    rev_check_grad("mutual", w_odd, 0, p, g, 1, REV_H, REV_TOL);
    double c[1] = {0.7}, gc[1] = {__enzyme_autodiff((void *)chain_total, 0.7)};
    rev_check_grad("struct result", w_chain, 0, c, gc, 1, REV_H, REV_TOL);
    double v = rev_rand();
    rev_check_dot("mutual", __enzyme_fwddiff((void *)odd, 0.4, v, 6), v * g[0]);
    free(x);
    free(dx);
    return corpus_exit();
}
