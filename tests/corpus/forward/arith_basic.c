/* Scalar arithmetic: + - * / fneg, fmod, mixed with constants, both arguments active. */
#include "enzyme_test.h"

static double f_add(double x, double y) { return x + y + 3.0; }
static double f_sub(double x, double y) { return x - y - 2.5 * x; }
static double f_mul(double x, double y) { return x * y * x; }
static double f_div(double x, double y) { return (x + 1.0) / (y * y + x); }
static double f_neg(double x, double y) { return -(x * y) + -x; }
static double f_fmod(double x, double y) { return fmod(x * x, y); }
static double f_mix(double x, double y) { return (x * x - y) / (1.0 + x * y) - x / 3.0 + 7.0 * y; }

#define H CORPUS_H
#define FDX(f, x, y) ((f((x) + H, (y)) - f((x) - H, (y))) / (2 * H))
#define FDY(f, x, y) ((f((x), (y) + H) - f((x), (y) - H)) / (2 * H))
#define CHECK2(f, x, y)                                                                           \
    do {                                                                                          \
        check_close(#f " d/dx", __enzyme_fwddiff((void *)f, x, 1.0, y, 0.0), FDX(f, x, y), 1e-6); \
        check_close(#f " d/dy", __enzyme_fwddiff((void *)f, x, 0.0, y, 1.0), FDY(f, x, y), 1e-6); \
        check_close(#f " dir", __enzyme_fwddiff((void *)f, x, 0.5, y, -2.0),                      \
                    0.5 * FDX(f, x, y) - 2.0 * FDY(f, x, y), 1e-6);                               \
    } while (0)

int main(void)
{
    double x = 1.3, y = 0.7;
    CHECK2(f_add, x, y);
    CHECK2(f_sub, x, y);
    CHECK2(f_mul, x, y);
    CHECK2(f_div, x, y);
    CHECK2(f_neg, x, y);
    CHECK2(f_fmod, x, y);
    CHECK2(f_mix, x, y);
    /* closed forms */
    check_close("mul closed", __enzyme_fwddiff((void *)f_mul, x, 1.0, y, 0.0), 2 * x * y, 1e-14);
    check_close("div closed dy", __enzyme_fwddiff((void *)f_div, x, 0.0, y, 1.0),
                -(x + 1.0) * 2 * y / ((y * y + x) * (y * y + x)), 1e-14);
    check_close("fmod closed dy", __enzyme_fwddiff((void *)f_fmod, x, 0.0, y, 1.0), -trunc(x * x / y), 1e-14);
    return corpus_exit();
}
