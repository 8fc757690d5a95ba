/* Error functions in double: erf erfc (gamma functions are in math_gamma.c). */
#include "enzyme_test.h"

#define W1(fn) static double w_##fn(double x) { return fn(x); }
W1(erf) W1(erfc)
static double w_mix(double x) { return erf(x * x) * erfc(x + 1.0) - erf(2.0 * x); }

#define H CORPUS_H
#define CHECK1(fn, x) check_close(#fn, __enzyme_fwddiff((void *)w_##fn, (double)(x), 1.0), central_diff(w_##fn, x, H), 1e-6)

int main(void)
{
    const double pts[] = {0.7, 2.3, -1.1};
    for (int i = 0; i < 3; i++) {
        double x = pts[i];
        CHECK1(erf, x * 0.5);
        CHECK1(erfc, x * 0.5);
        CHECK1(mix, x * 0.5);
    }
    double x = 0.9;
    check_close("erf closed", __enzyme_fwddiff((void *)w_erf, x, 1.0), 2.0 / sqrt(M_PI) * exp(-x * x), 1e-15);
    check_close("erfc closed", __enzyme_fwddiff((void *)w_erfc, x, 1.0), -2.0 / sqrt(M_PI) * exp(-x * x), 1e-15);
    return corpus_exit();
}
