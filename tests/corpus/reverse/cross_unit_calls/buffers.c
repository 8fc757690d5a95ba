/* cross_unit_calls: a function returning a fresh heap buffer (see main.c); the caller frees it. */
#include "cross_unit.h"
#include <math.h>

double *smooth_copy(const double *x, int n, double w)
{
    double *out = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++) {
        double left = i > 0 ? x[i - 1] : x[i], right = i + 1 < n ? x[i + 1] : x[i];
        out[i] = (1.0 - w) * x[i] + 0.5 * w * (left + right) + 0.1 * sin(w * x[i]);
    }
    return out;
}
