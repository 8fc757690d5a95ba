/* Mutual recursion in even/odd style over an array: a generalised continued fraction whose even levels
 * add a quadratic term and whose odd levels take a reciprocal, written as two non-inlined functions
 * that call each other with the index advanced by one (the classic is_even/is_odd shape, but carrying
 * active values), plus a third function that recurses directly and halves the range (divide and
 * conquer product). Each recursive call runs its own augmented forward function and tape in reverse
 * mode. Gradient w.r.t. the array and a scalar coupling (enzyme_out); dot-product test. */
#include "enzyme_reverse_test.h"

__attribute__((noinline)) static double odd_level(const double *x, int i, int n, double k);

__attribute__((noinline)) static double even_level(const double *x, int i, int n, double k)
{
    if (i == n) return 1.0;
    return 1.0 + k * x[i] * x[i] + odd_level(x, i + 1, n, k);
}

__attribute__((noinline)) static double odd_level(const double *x, int i, int n, double k)
{
    if (i == n) return 0.5;
    return x[i] / (1.0 + even_level(x, i + 1, n, k));
}

/* sum of log(1 + x_i^2) by halving (direct recursion with two calls per level) */
__attribute__((noinline)) static double split_logsum(const double *x, int lo, int hi)
{
    if (hi - lo == 1) return log(1.0 + x[lo] * x[lo]);
    int mid = lo + (hi - lo) / 2;
    return split_logsum(x, lo, mid) * 0.9 + split_logsum(x, mid, hi);
}

static double model(const double *x, int n, double k)
{
    return even_level(x, 0, n, k) + k * odd_level(x, 1, n, k) + split_logsum(x, 0, n);
}

#define N 13
static double wx(double *x, void *k) { return model(x, N, *(double *)k); }

int main(void)
{
    rev_seed(1605);
    double x[N], dx[N] = {0}, vx[N], k = 0.7;
    for (int i = 0; i < N; i++) x[i] = 0.6 + 0.4 * rev_rand();
    rev_rand_fill(vx, N);
    double dk = __enzyme_autodiff((void *)model, x, dx, N, k);
    rev_check_grad("dx", wx, &k, x, dx, N, REV_H, REV_TOL);
    check_close("dk", dk, (model(x, N, k + REV_H) - model(x, N, k - REV_H)) / (2 * REV_H), REV_TOL);

    double vk = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)model, x, vx, N, k, vk);
    rev_check_dot("continued fraction", w * jv, w * (rev_dot(vx, dx, N) + vk * dk));
    return corpus_exit();
}
