/* Newton's method for x^3 + a x - b = 0, differentiated w.r.t. a and b through the iteration. */
#include "enzyme_test.h"

static double newton(double a, double b)
{
    double x = 1.0;
    for (int it = 0; it < 100; it++) {
        double f = x * x * x + a * x - b;
        double fp = 3 * x * x + a;
        double step = f / fp;
        x -= step;
        if (fabs(step) < 1e-15 * (1.0 + fabs(x)))
            break;
    }
    return x;
}

static double w_a(double a) { return newton(a, 2.5); }
static double w_b(double b) { return newton(1.5, b); }

int main(void)
{
    double a = 1.5, b = 2.5, x = newton(a, b);
    /* implicit function theorem: dx/da = -x / (3x^2 + a), dx/db = 1 / (3x^2 + a) */
    check_close("dx/da", __enzyme_fwddiff((void *)newton, a, 1.0, b, 0.0), -x / (3 * x * x + a), 1e-10);
    check_close("dx/db", __enzyme_fwddiff((void *)newton, a, 0.0, b, 1.0), 1 / (3 * x * x + a), 1e-10);
    check_close("dx/da fd", __enzyme_fwddiff((void *)newton, a, 1.0, b, 0.0), central_diff(w_a, a, CORPUS_H), 1e-6);
    check_close("dx/db fd", __enzyme_fwddiff((void *)newton, a, 0.0, b, 1.0), central_diff(w_b, b, CORPUS_H), 1e-6);
    return corpus_exit();
}
