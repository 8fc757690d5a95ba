/* Mutual recursion between two (non-inlined) functions. */
#include "enzyme_test.h"

static double g_odd(double x, int n);

__attribute__((noinline)) static double g_even(double x, int n)
{
    if (n <= 0)
        return cos(x);
    return x * g_odd(x * 0.9, n - 1) + 1.0;
}

__attribute__((noinline)) static double g_odd(double x, int n)
{
    if (n <= 0)
        return sin(x);
    return g_even(x + 0.1, n - 1) * x - x * x;
}

/* mutual recursion that also walks a buffer */
static double walk_b(const double *a, int i, int n);
__attribute__((noinline)) static double walk_a(const double *a, int i, int n)
{
    if (i >= n) return 0.0;
    return a[i] * a[i] + walk_b(a, i + 1, n);
}
__attribute__((noinline)) static double walk_b(const double *a, int i, int n)
{
    if (i >= n) return 1.0;
    return exp(a[i]) * walk_a(a, i + 1, n);
}

static double w_even(double x, void *c) { return g_even(x, *(int *)c); }
static double w_walk(double *v, void *c) { (void)c; return walk_a(v, 0, 5); }

int main(void)
{
    for (int n = 0; n < 9; n++)
        check_close("g_even", __enzyme_fwddiff((void *)g_even, 0.7, 1.0, n), central_diff_ctx(w_even, &n, 0.7, CORPUS_H), 1e-6);
    double a[5] = {0.2, -0.4, 0.6, 0.1, -0.3}, dir[5] = {1, 1, 1, 1, 1}, da[5] = {1, 1, 1, 1, 1};
    check_close("walk", __enzyme_fwddiff((void *)walk_a, a, da, 0, 5), central_diff_dir(w_walk, 0, a, dir, 5, CORPUS_H), 1e-6);
    return corpus_exit();
}
