#include <math.h>

/* The Enzyme C API, as Enzyme documents it. */
extern int enzyme_dup;
extern int enzyme_const;
double __enzyme_fwddiff(void *, ...);

/*
 * The Styblinski-Tang function with a weak coupling of neighbours:
 *   f(x) = 1/2 sum_i (x_i^4 - 16 x_i^2 + 5 x_i) + 1/10 sum_i sin(x_i x_{i+1}).
 */
double styblinski(const double *x, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        double xi = x[i];
        sum += 0.5 * (xi * xi * xi * xi - 16.0 * xi * xi + 5.0 * xi);
    }
    for (int i = 0; i + 1 < n; ++i) {
        sum += 0.1 * sin(x[i] * x[i + 1]);
    }
    return sum;
}

/* The derivative of f at x in the direction v, by forward mode: one sweep, no gradient. */
double styblinski_directional(const double *x, const double *v, int n)
{
    return __enzyme_fwddiff((void *)styblinski, enzyme_dup, x, v, enzyme_const, n);
}
