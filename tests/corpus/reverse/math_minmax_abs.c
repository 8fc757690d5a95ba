/* fmin, fmax, fabs, copysign and comparisons-as-selects, away from ties, both branch directions. */
#include "enzyme_reverse_test.h"

static double m_min(double x, double y) { return fmin(x * x, y) * 2.0 + fmin(y, 3.0); }
static double m_max(double x, double y) { return fmax(x, y * y) - fmax(-1.0, x * y); }
static double m_abs(double x, double y) { return fabs(x - y) * fabs(x) + fabs(sin(y)); }
static double m_copysign(double x, double y) { return copysign(x * x, y) + copysign(2.0, x) * y; }
static double m_select(double x, double y) { return (x > y ? x * y : x + y) + (x * x < 0.25 ? 1.0 : x); }
static double m_clamp(double x, double y) { return fmax(fmin(x * y, 1.0), -1.0) + fabs(x) * y; }

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
    rev_seed(43);
    double pts[4][2] = {{0.7, 1.3}, {-1.4, 0.6}, {1.9, -0.8}, {-0.3, -2.2}};
    for (int i = 0; i < 4; i++) {
        double px = pts[i][0], py = pts[i][1];
        check("fmin", m_min, px, py);
        check("fmax", m_max, px, py);
        check("fabs", m_abs, px, py);
        check("copysign", m_copysign, px, py);
        check("select", m_select, px, py);
        check("clamp", m_clamp, px, py);
    }
    return corpus_exit();
}
