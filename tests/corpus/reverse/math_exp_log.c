/* exp family and logs, pow (both arguments active, integer and fractional exponents), sqrt, cbrt. */
#include "enzyme_reverse_test.h"

static double e_exp(double x, double y) { return exp(x * y); }
static double e_exp2(double x, double y) { return exp2(x) + expm1(y * 0.5); }
static double e_log(double x, double y) { return log(x * x + y) + log10(y) + log2(x) + log1p(x * y); }
static double e_pow(double x, double y) { return pow(x, y); }
static double e_powi(double x, double y) { return pow(x, 3.0) * pow(y, -2.0) + pow(x * y, 0.5); }
static double e_sqrt(double x, double y) { return sqrt(x * x + y * y) + cbrt(x * y); }
static double e_combo(double x, double y) { return exp(-x * x) * log(1.0 + y) / sqrt(x + y) + pow(y, x); }

typedef double (*F2)(double, double);
static double wrap(double *p, void *c) { return ((F2)c)(p[0], p[1]); }

/* a macro, so that each request names its function directly */
#define check(name, f, x_, y_)                                                                  \
    do {                                                                                        \
        double x = (x_), y = (y_), p[2] = {x, y};                                               \
        Grad2 g = __enzyme_autodiff2((void *)f, x, y);                                          \
        double gr[2] = {g.a, g.b};                                                              \
        rev_check_grad(name, wrap, (void *)f, p, gr, 2, REV_H, REV_TOL);                        \
        double v0 = rev_rand(), v1 = rev_rand(), w = rev_rand();                                \
        rev_check_dot(name, w * __enzyme_fwddiff((void *)f, x, v0, y, v1), w * (v0 * g.a + v1 * g.b)); \
    } while (0)

int main(void)
{
    rev_seed(42);
    check("exp", e_exp, 0.7, 1.3);
    check("exp2/expm1", e_exp2, 0.7, 1.3);
    check("log", e_log, 0.7, 1.3);
    check("pow", e_pow, 1.7, 1.3);
    check("pow int", e_powi, 1.7, 1.3);
    check("sqrt/cbrt", e_sqrt, 0.7, 1.3);
    check("combo", e_combo, 0.7, 1.3);
    Grad2 g = __enzyme_autodiff2((void *)e_pow, 2.0, 3.0);
    check_close("pow closed x", g.a, 12.0, 1e-14);
    check_close("pow closed y", g.b, 8.0 * log(2.0), 1e-14);
    return corpus_exit();
}
