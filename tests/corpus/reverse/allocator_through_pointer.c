/* Allocations reached through function pointers stored in global structs of allocator operations:
 * `ops` holds malloc/free themselves (static: clang folds the loads at -O1 and above), `user_ops` holds
 * the program's own wrappers and is visible outside the unit (never folded), so its calls stay calls
 * through a pointer at every level. The scratch buffers carry active values; gradient against the closed
 * form, dot-product test against forward mode. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

struct alloc_ops {
    void *(*alloc)(size_t);
    void (*release)(void *);
};
static struct alloc_ops ops = {malloc, free};

static void *counted_alloc(size_t n) { return malloc(n); }
static void counted_free(void *p) { free(p); }
struct alloc_ops user_ops = {counted_alloc, counted_free};
struct alloc_ops libc_ops = {malloc, free};

#define N 6
static double f(const double *x)
{
    double *t = (double *)ops.alloc(N * sizeof(double));
    double *u = (double *)user_ops.alloc(N * sizeof(double));
    double *w = (double *)libc_ops.alloc(N * sizeof(double));
    for (int i = 0; i < N; i++) {
        t[i] = x[i] * x[i];
        u[i] = t[i] * x[(i + 1) % N];
        w[i] = 0.5 * u[i];
    }
    double s = 0;
    for (int i = 0; i < N; i++) s += u[i] + w[i] * x[i];
    libc_ops.release(w);
    user_ops.release(u);
    ops.release(t);
    return s;
}

int main(void)
{
    rev_seed(314);
    double x[N], dx[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff((void *)f, x, dx);
    for (int i = 0; i < N; i++) {
        /* s = sum_i x_i^2 x_{i+1} + 0.5 x_i^3 x_{i+1} */
        int n = (i + 1) % N, p = (i + N - 1) % N;
        double e = 2 * x[i] * x[n] + x[p] * x[p] + 1.5 * x[i] * x[i] * x[n] + 0.5 * x[p] * x[p] * x[p];
        check_close("closed form", dx[i], e, 1e-12);
    }
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)f, x, v);
    rev_check_dot("allocators", w * jv, w * rev_dot(v, dx, N));
    return corpus_exit();
}
