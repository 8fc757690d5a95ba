/* A chain energy: sum_i x_i^2 sin(x_i) + 0.5 x_i x_(i-1). Its gradient (reverse) and tangent
   (forward) are EnzymeGradient items of the test project. */
#include <math.h>

double energy(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        s += x[i] * x[i] * sin(x[i]);
        if (i > 0)
            s += 0.5 * x[i] * x[i - 1];
    }
    return s;
}

/* C's long: 64 bits on Linux, 32 on Windows. The bindings of a library built for win-x64 bind it
   as CLong, which follows the platform. */
long count_above(const long *values, long n, long threshold)
{
    long count = 0;
    for (long i = 0; i < n; i++)
        count += values[i] > threshold;
    return count;
}
