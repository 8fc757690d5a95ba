/* Math functions with integer results (lround, lrint, llround, ilogb) used on the active path: their results
 * carry no derivative, so they contribute only through the surrounding products; frexp's int out-parameter. */
#include "enzyme_reverse_test.h"

static double f(double x, double y)
{
    long r = lround(x * 10.0);
    long long q = llround(y * 4.0);
    long t = lrint(x * y * 3.0);
    int e = ilogb(y * 100.0);
    int ex;
    double m = frexp(x * 5.0, &ex);
    return r * x + q * y * y + t * sin(x) + e * y + m * ex;
}

static double wf(double *p, void *c) { (void)c; return f(p[0], p[1]); }

int main(void)
{
    rev_seed(99);
    double p[2] = {0.77, 1.35};
    Grad2 g = __enzyme_autodiff2((void *)f, p[0], p[1]);
    double gr[2] = {g.a, g.b};
    rev_check_grad("f", wf, 0, p, gr, 2, REV_H, REV_TOL);
    /* frexp(3.85) = 0.9625 * 2^2: ex = 2, dm/dx = 5 / 4. */
    check_close("closed dx", g.a, 8.0 + 3.0 * cos(0.77) + 5.0 / 4.0 * 2.0, 1e-13);
    double v0 = rev_rand(), v1 = rev_rand(), w = rev_rand();
    rev_check_dot("f", w * __enzyme_fwddiff((void *)f, p[0], v0, p[1], v1), w * (v0 * g.a + v1 * g.b));
    return corpus_exit();
}
