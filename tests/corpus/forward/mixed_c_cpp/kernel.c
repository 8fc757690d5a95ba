/* C translation unit of a mixed C/C++ program: a kernel with C linkage. */
#include <math.h>

double mixed_kernel(const double *p, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += tanh(p[i]) * p[(i + 1) % n];
    return s;
}
