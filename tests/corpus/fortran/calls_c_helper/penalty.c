/* calls_c_helper: a C function the Fortran code calls through a bind(c) interface, so the differentiated
 * call chain crosses C -> Fortran -> C. */
#include <math.h>

double soft_barrier(double value, double limit)
{
    double gap = limit - value;
    return log1p(exp(-8.0 * gap)) / 8.0;
}
