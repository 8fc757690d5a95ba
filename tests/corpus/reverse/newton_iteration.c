/* Newton's method for x^3 + p x - q = 0 with a data-dependent stopping test and an iteration cap; implicit
 * differentiation gives the closed form dx/dq = 1/(3x^2+p), dx/dp = -x/(3x^2+p). */
#include "enzyme_reverse_test.h"

static double root(double p, double q)
{
    double x = 1.0;
    for (int it = 0; it < 50; it++) {
        double f = x * x * x + p * x - q;
        double step = f / (3.0 * x * x + p);
        x -= step;
        if (fabs(step) < 1e-15) break;
    }
    return x;
}

int main(void)
{
    rev_seed(103);
    double p = 1.3, q = 2.7;
    Grad2 g = __enzyme_autodiff2((void *)root, p, q);
    double x = root(p, q), d = 3 * x * x + p;
    check_close("dp closed", g.a, -x / d, 1e-10);
    check_close("dq closed", g.b, 1.0 / d, 1e-10);
    check_close("dp fd", g.a, (root(p + REV_H, q) - root(p - REV_H, q)) / (2 * REV_H), REV_TOL);
    check_close("dq fd", g.b, (root(p, q + REV_H) - root(p, q - REV_H)) / (2 * REV_H), REV_TOL);
    double v0 = rev_rand(), v1 = rev_rand(), w = rev_rand();
    rev_check_dot("root", w * __enzyme_fwddiff((void *)root, p, v0, q, v1), w * (v0 * g.a + v1 * g.b));
    return corpus_exit();
}
