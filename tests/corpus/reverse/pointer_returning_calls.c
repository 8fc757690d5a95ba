/* Calls that are not inlined and return pointers the caller differentiates through: noinline helpers
 * returning a pointer into an argument's memory and a fresh allocation, and a recursive function
 * building a binary tree on the heap and returning its root. The augmented function returns the
 * pointer's shadow with the result, so the caller's reads and writes through it reach the right adjoints. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

#define N 7

__attribute__((noinline)) static double *pick(double *a, double *b, int i) { return (i & 1) ? a + i / 2 : b + i / 2; }

__attribute__((noinline)) static double *squares(const double *x, int n)
{
    double *s = malloc(n * sizeof(double));
    for (int i = 0; i < n; i++)
        s[i] = x[i] * x[i];
    return s;
}

typedef struct node {
    double v;
    struct node *l, *r;
} node;

static node *build(const double *x, int lo, int hi)
{
    if (lo >= hi)
        return NULL;
    int mid = (lo + hi) / 2;
    node *t = malloc(sizeof(node));
    t->v = x[mid] * x[(mid + 1) % N];
    t->l = build(x, lo, mid);
    t->r = build(x, mid + 1, hi);
    return t;
}

static double consume(node *t, int depth)
{
    if (!t)
        return 0.0;
    double s = sin(t->v) * depth + consume(t->l, depth + 1) + consume(t->r, depth + 1);
    free(t);
    return s;
}

static double f(double *x, double *y, int n)
{
    double s = 0.0;
    for (int i = 0; i < 2 * n; i++)
        s += sin(*pick(x, y, i)) * x[i % n];
    double *q = squares(y, n);
    for (int i = 0; i < n; i++)
        s += q[i] * x[i];
    free(q);
    return s + consume(build(x, 0, n), 1);
}

static double fx(double *x, void *y) { return f(x, (double *)y, N); }
static double fy(double *y, void *x) { return f((double *)x, y, N); }

int main(void)
{
    rev_seed(31);
    double x[N], y[N], dx[N] = {0}, dy[N] = {0}, vx[N], vy[N];
    rev_rand_fill(x, N);
    rev_rand_fill(y, N);
    rev_rand_fill(vx, N);
    rev_rand_fill(vy, N);
    __enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, N);
    rev_check_grad("dx", fx, y, x, dx, N, REV_H, REV_TOL);
    rev_check_grad("dy", fy, x, y, dy, N, REV_H, REV_TOL);
    rev_check_dot("f", __enzyme_fwddiff((void *)f, enzyme_dup, x, vx, enzyme_dup, y, vy, enzyme_const, N),
                  rev_dot(vx, dx, N) + rev_dot(vy, dy, N));
    return corpus_exit();
}
