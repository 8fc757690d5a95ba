/* Polynomial evaluation by Horner's rule, differentiated w.r.t. x and w.r.t. the coefficients. */
#include "enzyme_test.h"

static double horner(const double *c, int degree, double x)
{
    double r = c[degree];
    for (int i = degree - 1; i >= 0; i--)
        r = r * x + c[i];
    return r;
}

int main(void)
{
    double c[6] = {1.0, -2.0, 0.5, 3.0, -1.0, 0.25}, dc[6] = {0, 0, 0, 0, 0, 0};
    double x = 1.7;
    double expected = 0.0;
    for (int i = 1; i < 6; i++) expected += i * c[i] * pow(x, i - 1);
    check_close("d/dx", __enzyme_fwddiff((void *)horner, c, dc, 5, x, 1.0), expected, 1e-13);
    check_close("d/dx const coeffs", __enzyme_fwddiff((void *)horner, enzyme_const, c, 5, x, 1.0), expected, 1e-13);
    for (int k = 0; k < 6; k++) {
        double e[6] = {0, 0, 0, 0, 0, 0};
        e[k] = 1.0;
        check_close("d/dc_k", __enzyme_fwddiff((void *)horner, c, e, 5, x, 0.0), pow(x, k), 1e-14);
    }
    return corpus_exit();
}
