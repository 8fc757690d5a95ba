/* Scalar arithmetic (+ - * / fneg fmod) with two enzyme_out arguments (default activity for doubles). */
#include "enzyme_reverse_test.h"

static double f_add(double x, double y) { return x + y + 3.0; }
static double f_sub(double x, double y) { return x - y - 2.5 * x; }
static double f_mul(double x, double y) { return x * y * x; }
static double f_div(double x, double y) { return (x + 1.0) / (y * y + x); }
static double f_neg(double x, double y) { return -(x * y) + -x; }
static double f_fmod(double x, double y) { return fmod(x * x, y); }
static double f_mix(double x, double y) { return (x * x - y) / (1.0 + x * y) - x / 3.0 + 7.0 * y; }

#define H REV_H
#define FDX(f, x, y) ((f((x) + H, (y)) - f((x) - H, (y))) / (2 * H))
#define FDY(f, x, y) ((f((x), (y) + H) - f((x), (y) - H)) / (2 * H))
#define CHECK2(f, x, y)                                                                        \
    do {                                                                                       \
        Grad2 g = __enzyme_autodiff2((void *)f, x, y);                                         \
        check_close(#f " d/dx", g.a, FDX(f, x, y), 1e-6);                                      \
        check_close(#f " d/dy", g.b, FDY(f, x, y), 1e-6);                                      \
        double v0 = rev_rand(), v1 = rev_rand(), w = rev_rand();                               \
        double jv = __enzyme_fwddiff((void *)f, x, v0, y, v1);                                 \
        rev_check_dot(#f, jv * w, v0 * (w * g.a) + v1 * (w * g.b));                            \
    } while (0)

int main(void)
{
    rev_seed(1);
    double x = 1.3, y = 0.7;
    CHECK2(f_add, x, y);
    CHECK2(f_sub, x, y);
    CHECK2(f_mul, x, y);
    CHECK2(f_div, x, y);
    CHECK2(f_neg, x, y);
    CHECK2(f_fmod, x, y);
    CHECK2(f_mix, x, y);
    Grad2 g = __enzyme_autodiff2((void *)f_mul, x, y);
    check_close("mul closed dx", g.a, 2 * x * y, 1e-14);
    check_close("mul closed dy", g.b, x * x, 1e-14);
    g = __enzyme_autodiff2((void *)f_fmod, x, y);
    check_close("fmod closed dy", g.b, -trunc(x * x / y), 1e-14);
    /* single active argument, the other const */
    check_close("div d/dx const y", __enzyme_autodiff((void *)f_div, x, enzyme_const, y), FDX(f_div, x, y), 1e-6);
    check_close("div d/dy const x", __enzyme_autodiff((void *)f_div, enzyme_const, x, y), FDY(f_div, x, y), 1e-6);
    return corpus_exit();
}
