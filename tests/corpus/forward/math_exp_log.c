/* Exponentials, logarithms, powers, roots in double: exp exp2 expm1 log log2 log10 log1p pow sqrt cbrt powi. */
#include "enzyme_test.h"

#define W1(fn) static double w_##fn(double x) { return fn(x); }
W1(exp) W1(exp2) W1(expm1) W1(log) W1(log2) W1(log10) W1(log1p) W1(sqrt) W1(cbrt)
static double w_pow_base(double x) { return pow(x, 2.7); }
static double w_pow_exp(double y) { return pow(1.9, y); }
static double w_pow_both(double x) { return pow(x, x); }
static double w_pow_int(double x) { return pow(x, 3.0); }
static double w_powi(double x) { return __builtin_powi(x, 5); }
static double w_powi_neg(double x) { return __builtin_powi(x, -3); }
static double pow2(double x, double y) { return pow(x, y); }

#define H CORPUS_H
#define CHECK1(fn, x) check_close(#fn, __enzyme_fwddiff((void *)w_##fn, (double)(x), 1.0), central_diff(w_##fn, x, H), 1e-6)

int main(void)
{
    double x = 1.35;
    CHECK1(exp, x);
    CHECK1(exp2, x);
    CHECK1(expm1, x);
    CHECK1(expm1, 1e-3);
    CHECK1(log, x);
    CHECK1(log2, x);
    CHECK1(log10, x);
    CHECK1(log1p, x);
    CHECK1(log1p, -0.5);
    CHECK1(sqrt, x);
    CHECK1(cbrt, x);
    CHECK1(cbrt, -2.0);
    CHECK1(pow_base, x);
    CHECK1(pow_exp, x);
    CHECK1(pow_both, x);
    CHECK1(pow_int, -x);
    CHECK1(powi, x);
    CHECK1(powi_neg, x);
    check_close("exp closed", __enzyme_fwddiff((void *)w_exp, x, 1.0), exp(x), 1e-15);
    check_close("log closed", __enzyme_fwddiff((void *)w_log, x, 1.0), 1 / x, 1e-15);
    check_close("sqrt closed", __enzyme_fwddiff((void *)w_sqrt, x, 1.0), 0.5 / sqrt(x), 1e-15);
    check_close("pow both args", __enzyme_fwddiff((void *)pow2, x, 1.0, 0.8, 1.0),
                0.8 * pow(x, 0.8 - 1) + pow(x, 0.8) * log(x), 1e-14);
    check_close("powi closed", __enzyme_fwddiff((void *)w_powi, x, 1.0), 5 * pow(x, 4), 1e-14);
    return corpus_exit();
}
