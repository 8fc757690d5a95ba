/* hypot fabs fmin fmax fma copysign in double. */
#include "enzyme_test.h"

static double w_hypot(double x) { return hypot(x, 2.0 * x + 1.0); }
static double w_fabs(double x) { return fabs(x * 3.0 - 1.0); }
static double w_fmin(double x) { return fmin(x * x, 2.0 - x); }
static double w_fmax(double x) { return fmax(x * x, 2.0 - x); }
static double w_fma(double x) { return fma(x, x + 1.0, sin(x)); }
static double w_copysign_mag(double x) { return copysign(x * x + 0.5, -1.0); }
static double w_copysign_sgn(double x) { return copysign(2.0, x); }
static double w_copysign_neg(double x) { return copysign(x, -3.0 + x * 0.0); }
static double hypot2(double x, double y) { return hypot(x, y); }
static double fma3(double a, double b, double c) { return fma(a, b, c); }

#define H CORPUS_H
#define CHECK1(fn, x) check_close(#fn, __enzyme_fwddiff((void *)w_##fn, (double)(x), 1.0), central_diff(w_##fn, x, H), 1e-6)

int main(void)
{
    const double pts[] = {0.6, 1.7, -0.8};
    for (int i = 0; i < 3; i++) {
        double x = pts[i];
        CHECK1(hypot, x);
        CHECK1(fabs, x);
        CHECK1(fmin, x);
        CHECK1(fmax, x);
        CHECK1(fma, x);
        CHECK1(copysign_mag, x);
        CHECK1(copysign_sgn, x);
        CHECK1(copysign_neg, x);
    }
    check_close("hypot both", __enzyme_fwddiff((void *)hypot2, 3.0, 1.0, 4.0, 2.0), (3.0 + 8.0) / 5.0, 1e-15);
    check_close("fma all", __enzyme_fwddiff((void *)fma3, 2.0, 1.0, 3.0, 10.0, 5.0, 100.0), 3.0 + 20.0 + 100.0, 1e-15);
    check_close("fabs neg closed", __enzyme_fwddiff((void *)w_fabs, -1.0, 1.0), -3.0, 1e-15);
    check_close("copysign neg closed", __enzyme_fwddiff((void *)w_copysign_neg, 2.0, 1.0), -1.0, 1e-15);
    return corpus_exit();
}
