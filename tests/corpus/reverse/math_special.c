/* Hyperbolic and special functions: tanh sinh cosh asinh erf erfc lgamma tgamma. */
#include "enzyme_reverse_test.h"

static double s_tanh(double x, double y) { return tanh(x * y) + sinh(x) * cosh(y); }
static double s_ainv(double x, double y) { return asinh(x * y) + atanh(0.3 * x) + acosh(1.0 + y * y); }
static double s_erf(double x, double y) { return erf(x) * erfc(y) + erf(x * y); }
static double s_gamma(double x, double y) { return lgamma(x + y) - lgamma(x) + tgamma(y); }
static double s_mix(double x, double y) { return tanh(erf(x) + lgamma(1.0 + y * y)); }

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
    rev_seed(44);
    check("tanh/sinh/cosh", s_tanh, 0.7, 1.3);
    check("asinh/atanh/acosh", s_ainv, 0.7, 1.3);
    check("erf/erfc", s_erf, 0.7, 1.3);
    check("lgamma/tgamma", s_gamma, 2.7, 1.3);
    check("mix", s_mix, 0.7, 1.3);
    /* closed: d erf/dx = 2/sqrt(pi) e^{-x^2} */
    Grad2 g = __enzyme_autodiff2((void *)s_erf, 0.5, 100.0); /* erfc(100) = 0, erf(50) = 1 */
    check_close("erf closed", g.a, 0.0 + 2.0 / sqrt(M_PI) * exp(-0.25) * erfc(100.0), 1e-14);
    /* d lgamma(x)/dx at x=1 is -EulerGamma (via s_gamma with y fixed) */
    double d = __enzyme_autodiff((void *)s_gamma, 1.0, enzyme_const, 1.0);
    check_close("lgamma closed", d, 0.42278433509846713 - (-0.57721566490153286), 1e-12);
    return corpus_exit();
}
