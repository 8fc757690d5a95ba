/* while / do-while loops whose exit depends on the data being differentiated. */
#include "enzyme_test.h"

/* halve until below 1, counting: derivative is x' / 2^k */
static double halve(double x)
{
    double y = x;
    while (y > 1.0)
        y = y * 0.5;
    return y * y + sin(y);
}

/* fixed-point iteration y = cos(x*y) with a convergence test */
static double fixed_point(double x)
{
    double y = 0.5, prev;
    int it = 0;
    do {
        prev = y;
        y = cos(x * y);
        it++;
    } while (fabs(y - prev) > 1e-15 && it < 200);
    return y;
}

/* accumulate terms of a series until they become small */
static double series_exp(double x)
{
    double term = 1.0, s = 1.0;
    int k = 1;
    while (fabs(term) > 1e-17 * fabs(s)) {
        term *= x / k;
        s += term;
        k++;
    }
    return s;
}

int main(void)
{
    const double pts[] = {13.7, 0.6, 5.1};
    for (int i = 0; i < 3; i++) {
        double x = pts[i];
        check_close("halve", __enzyme_fwddiff((void *)halve, x, 1.0), central_diff(halve, x, CORPUS_H), 1e-6);
    }
    double x = 0.7;
    double y = fixed_point(x);
    /* implicit: y = cos(xy) -> y' = -sin(xy) y / (1 + x sin(xy)) */
    double closed = -sin(x * y) * y / (1 + x * sin(x * y));
    check_close("fixed_point", __enzyme_fwddiff((void *)fixed_point, x, 1.0), closed, 1e-10);
    check_close("series_exp", __enzyme_fwddiff((void *)series_exp, 1.3, 1.0), exp(1.3), 1e-12);
    check_close("series_exp fd", __enzyme_fwddiff((void *)series_exp, 2.5, 1.0), central_diff(series_exp, 2.5, CORPUS_H), 1e-6);
    return corpus_exit();
}
