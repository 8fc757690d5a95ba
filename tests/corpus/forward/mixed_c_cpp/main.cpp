// C++ translation unit of a mixed C/C++ program: differentiates a C kernel from a C++ lambda-using wrapper.
#include "enzyme_test.h"

extern "C" double mixed_kernel(const double *p, int n);

static double wrapper(double x)
{
    double p[3] = {x, 2.0 * x, -x};
    auto twice = [](double v) { return 2.0 * v; };
    return twice(mixed_kernel(p, 3));
}

int main()
{
    double p[3] = {0.2, 0.5, -0.3}, dp[3] = {1.0, 0.0, 0.0};
    double t = tanh(0.2);
    (void)t;
    // d/dp0 of tanh(p0) p1 + tanh(p1) p2 + tanh(p2) p0
    check_close("kernel d/dp0", __enzyme_fwddiff((void *)mixed_kernel, p, dp, 3), (1 - tanh(0.2) * tanh(0.2)) * 0.5 + tanh(-0.3), 1e-14);
    check_close("wrapper", __enzyme_fwddiff((void *)wrapper, 0.4, 1.0), central_diff(wrapper, 0.4, CORPUS_H), 1e-6);
    return corpus_exit();
}
