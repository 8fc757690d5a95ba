/* two_units: the differentiated function and its helper live in a different translation unit from main. */
#include <math.h>

double kernel_helper(double a, double b) { return a * exp(-b * b) + sin(a * b); }

double kernel_energy(const double *x, int n, double k)
{
    double e = 0.0;
    for (int i = 0; i + 1 < n; i++) e += kernel_helper(x[i], x[i + 1]) * k + k * k * x[i];
    return e;
}
