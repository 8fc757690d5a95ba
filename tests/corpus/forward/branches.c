/* if/else on data, ternaries, piecewise functions and a select on a computed condition. */
#include "enzyme_test.h"

static double piecewise(double x)
{
    if (x < -1.0)
        return -x * x;
    else if (x < 0.5)
        return sin(x) * 3.0;
    else
        return exp(x) - x;
}

static double relu_mix(double x, double y)
{
    double a = x > y ? x * y : x + y;
    double b = (a > 0.0) ? a : 0.1 * a;
    if (b * b > 4.0)
        b = sqrt(b * b - 4.0);
    return b;
}

static double w_relu_x(double x) { return relu_mix(x, 0.8); }

int main(void)
{
    const double pts[] = {-2.3, -0.4, 0.2, 1.7, 3.0, -3.0};
    for (int i = 0; i < 6; i++) {
        double x = pts[i];
        check_close("piecewise", __enzyme_fwddiff((void *)piecewise, x, 1.0), central_diff(piecewise, x, CORPUS_H), 1e-6);
        check_close("relu_mix", __enzyme_fwddiff((void *)relu_mix, x, 1.0, 0.8, 0.0), central_diff(w_relu_x, x, CORPUS_H), 1e-6);
    }
    check_close("relu_mix dy", __enzyme_fwddiff((void *)relu_mix, 3.0, 0.0, 2.0, 1.0), 3.0 * 6.0 / sqrt(32.0), 1e-14);
    return corpus_exit();
}
