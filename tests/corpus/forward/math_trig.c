/* Trigonometric functions in double: sin cos tan asin acos atan atan2. */
#include "enzyme_test.h"

#define W1(fn) static double w_##fn(double x) { return fn(x); }
W1(sin) W1(cos) W1(tan) W1(asin) W1(acos) W1(atan)
static double w_atan2_y(double y) { return atan2(y, 0.8); }
static double w_atan2_x(double x) { return atan2(-0.4, x); }
static double w_chain(double x) { return sin(cos(x) * tan(x)) + atan(asin(x / 2)); }

#define H CORPUS_H
#define CHECK1(fn, x) check_close(#fn, __enzyme_fwddiff((void *)w_##fn, (double)(x), 1.0), central_diff(w_##fn, x, H), 1e-6)

static double atan2_both(double y, double x) { return atan2(y, x); }

int main(void)
{
    const double pts[] = {0.3, -0.6};
    for (int i = 0; i < 2; i++) {
        double x = pts[i];
        CHECK1(sin, x);
        CHECK1(cos, x);
        CHECK1(tan, x);
        CHECK1(asin, x);
        CHECK1(acos, x);
        CHECK1(atan, x);
        CHECK1(atan2_y, x);
        CHECK1(atan2_x, x);
        CHECK1(chain, x);
        check_close("sin closed", __enzyme_fwddiff((void *)w_sin, x, 1.0), cos(x), 1e-15);
        check_close("acos closed", __enzyme_fwddiff((void *)w_acos, x, 1.0), -1.0 / sqrt(1 - x * x), 1e-15);
        check_close("tan closed", __enzyme_fwddiff((void *)w_tan, x, 1.0), 1.0 / (cos(x) * cos(x)), 1e-14);
    }
    double y = 0.5, x = -1.2, r2 = x * x + y * y;
    check_close("atan2 both", __enzyme_fwddiff((void *)atan2_both, y, 2.0, x, 3.0), (2.0 * x - 3.0 * y) / r2, 1e-14);
    return corpus_exit();
}
