/* mixed_c_cpp: a C kernel (vector-valued: writes an output array) called from C++. */
#include <math.h>

void c_kernel(const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++) y[i] = tanh(x[i]) * x[(i + 1) % n] + 0.5 * x[i] * x[i];
}
