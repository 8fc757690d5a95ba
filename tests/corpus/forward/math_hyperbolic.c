/* Hyperbolic functions in double: sinh cosh tanh asinh acosh atanh. */
#include "enzyme_test.h"

#define W1(fn) static double w_##fn(double x) { return fn(x); }
W1(sinh) W1(cosh) W1(tanh) W1(asinh) W1(acosh) W1(atanh)

#define H CORPUS_H
#define CHECK1(fn, x) check_close(#fn, __enzyme_fwddiff((void *)w_##fn, (double)(x), 1.0), central_diff(w_##fn, x, H), 1e-6)

int main(void)
{
    double x = 0.45;
    CHECK1(sinh, x);
    CHECK1(cosh, x);
    CHECK1(tanh, x);
    CHECK1(asinh, x);
    CHECK1(atanh, x);
    CHECK1(acosh, 1.0 + x);
    CHECK1(sinh, -1.5);
    CHECK1(tanh, 2.0);
    check_close("cosh closed", __enzyme_fwddiff((void *)w_cosh, x, 1.0), sinh(x), 1e-15);
    check_close("tanh closed", __enzyme_fwddiff((void *)w_tanh, x, 1.0), 1 - tanh(x) * tanh(x), 1e-15);
    check_close("asinh closed", __enzyme_fwddiff((void *)w_asinh, x, 1.0), 1 / sqrt(x * x + 1), 1e-15);
    check_close("acosh closed", __enzyme_fwddiff((void *)w_acosh, 2.0, 1.0), 1 / sqrt(3.0), 1e-15);
    check_close("atanh closed", __enzyme_fwddiff((void *)w_atanh, x, 1.0), 1 / (1 - x * x), 1e-15);
    return corpus_exit();
}
