/* cross_unit_calls: pointer-returning and recursive functions (see main.c). */
#include "cross_unit.h"

/* A pointer into the argument: the start of row `row`. */
double *row_at(double *m, int row, int cols) { return m + (size_t)row * (size_t)cols; }

/* Recursive: a pointer to the largest of x[0..n-1] (the last one on ties). */
double *max_ptr(double *x, int n)
{
    if (n == 1)
        return x;
    double *rest = max_ptr(x, n - 1);
    return x[n - 1] >= *rest ? x + (n - 1) : rest;
}

/* Recursive Horner: c[0] + t (c[1] + t (c[2] + ...)). */
double horner_rec(const double *c, double t, int n)
{
    if (n == 0)
        return 0.0;
    return c[0] + t * horner_rec(c + 1, t, n - 1);
}
