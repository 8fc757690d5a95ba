/* ldexp and frexp (frexp writes the exponent through a pointer), double/float/long double. */
#include "enzyme_test.h"

static double w_ldexp(double x) { return ldexp(x * x, 3) + ldexp(x, -2); }
static double w_frexp(double x)
{
    int e;
    double m = frexp(x * 3.0, &e);
    return m * (double)e + m * m;
}
static float w_ldexpf(float x) { return ldexpf(x * x, 3); }
static float w_frexpf(float x) { int e; return frexpf(x, &e) * (float)e; }
static long double w_ldexpl(long double x) { return ldexpl(x * x, 3); }
static long double w_frexpl(long double x) { int e; return frexpl(x, &e) * (long double)e; }
/* the exponent written to a caller-provided int pointer (no shadow: ints are inactive) */
static double w_frexp_out(double x, int *e) { return frexp(x, e); }

#define H CORPUS_H
#define CHECK1(fn, x) check_close(#fn, __enzyme_fwddiff((void *)w_##fn, (double)(x), 1.0), central_diff(w_##fn, x, H), 1e-6)

int main(void)
{
    const double pts[] = {1.3, -0.77, 5.5};
    for (int i = 0; i < 3; i++) {
        double x = pts[i];
        CHECK1(ldexp, x);
        CHECK1(frexp, x);
    }
    double x = 1.3;
    check_close("ldexp closed", __enzyme_fwddiff((void *)w_ldexp, x, 1.0), 16 * x + 0.25, 1e-15);
    int e;
    double m = frexp(3.0 * x, &e);
    check_close("frexp closed", __enzyme_fwddiff((void *)w_frexp, x, 1.0), 3.0 * ldexp(1.0, -e) * ((double)e + 2 * m), 1e-14);
    check_close("ldexpf", __enzyme_fwddiff_f((void *)w_ldexpf, 1.5f, 1.0f), 16 * 1.5, 1e-6);
    check_close("frexpf", __enzyme_fwddiff_f((void *)w_frexpf, 3.0f, 1.0f), 2.0 / 4.0, 1e-6); /* 3 = 0.75*2^2 */
    check_close("ldexpl", (double)__enzyme_fwddiff_l((void *)w_ldexpl, 1.5L, 1.0L), 16 * 1.5, 1e-15);
    check_close("frexpl", (double)__enzyme_fwddiff_l((void *)w_frexpl, 3.0L, 1.0L), 2.0 / 4.0, 1e-15);
    int eo = 0;
    check_close("frexp out", __enzyme_fwddiff((void *)w_frexp_out, 10.0, 1.0, enzyme_const, &eo), 1.0 / 16.0, 1e-15);
    check_true("frexp out exponent written", eo == 4);
    return corpus_exit();
}
