/* Trigonometric functions: sin cos tan asin acos atan atan2 hypot, each checked per argument. */
#include "enzyme_reverse_test.h"

static double t_sin(double x, double y) { return sin(x * y); }
static double t_cos(double x, double y) { return cos(x) * y; }
static double t_tan(double x, double y) { return tan(x + 0.3 * y); }
static double t_asin(double x, double y) { return asin(0.5 * x * y); }
static double t_acos(double x, double y) { return acos(0.4 * x - 0.1 * y); }
static double t_atan(double x, double y) { return atan(x / y); }
static double t_atan2(double x, double y) { return atan2(y, x); }
static double t_atan2b(double x, double y) { return atan2(-x, y * y); }
static double t_hypot(double x, double y) { return hypot(x, y); }
static double t_combo(double x, double y) { return sin(x) * cos(y) + tan(x * y) * hypot(x, 2.0) - atan2(x, y + 2.0); }

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
    rev_seed(41);
    check("sin", t_sin, 0.7, 1.3);
    check("cos", t_cos, 0.7, 1.3);
    check("tan", t_tan, 0.7, 1.3);
    check("asin", t_asin, 0.7, 1.3);
    check("acos", t_acos, 0.7, 1.3);
    check("atan", t_atan, 0.7, 1.3);
    check("atan2", t_atan2, -0.7, 1.3);
    check("atan2b", t_atan2b, 0.7, -1.3);
    check("hypot", t_hypot, -0.7, 1.3);
    check("combo", t_combo, 0.7, 1.3);
    Grad2 h = __enzyme_autodiff2((void *)t_hypot, 3.0, 4.0);
    check_close("hypot closed x", h.a, 0.6, 1e-15);
    check_close("hypot closed y", h.b, 0.8, 1e-15);
    return corpus_exit();
}
