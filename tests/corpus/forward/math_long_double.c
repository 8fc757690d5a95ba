/* long double (x86_fp80) math functions: sinl expl ... checked against long double closed forms. */
#include "enzyme_test.h"

#define W1(fn) static long double w_##fn(long double x) { return fn(x); }
W1(sinl) W1(cosl) W1(tanl) W1(asinl) W1(acosl) W1(atanl) W1(sinhl) W1(coshl) W1(tanhl) W1(asinhl) W1(atanhl)
W1(expl) W1(exp2l) W1(expm1l) W1(logl) W1(log2l) W1(log10l) W1(log1pl) W1(sqrtl) W1(cbrtl) W1(fabsl) W1(erfl) W1(erfcl)
W1(floorl) W1(ceill) W1(truncl) W1(roundl) W1(rintl) W1(nearbyintl)
static long double w_acoshl(long double x) { return acoshl(x + 1.0L); }
static long double w_atan2l(long double x) { return atan2l(x, 0.5L); }
static long double w_powl(long double x) { return powl(x, 2.5L); }
static long double w_hypotl(long double x) { return hypotl(x, 2.0L); }
static long double w_fminl(long double x) { return fminl(x, 0.1L) + fmaxl(x, 0.2L); }
static long double w_fmal(long double x) { return fmal(x, x, 1.5L); }
static long double w_copysignl(long double x) { return copysignl(x, -1.0L); }
static long double w_fmodl(long double x) { return fmodl(3.0L * x, 0.7L) + remainderl(5.0L * x, 0.9L); }
static long double w_ldexpl(long double x) { return ldexpl(x, 4); }
static long double w_frexpl(long double x) { int e; return frexpl(x, &e); }
static long double w_poly(long double x) { return x * x * x - 2.0L * x + 1.0L / x; }

#define CHECKL(fn, x, expected) \
    check_close(#fn, (double)__enzyme_fwddiff_l((void *)w_##fn, (long double)(x), 1.0L), (double)(expected), 1e-12)

int main(void)
{
    long double x = 0.4L;
    CHECKL(sinl, x, cosl(x));
    CHECKL(cosl, x, -sinl(x));
    CHECKL(tanl, x, 1 / (cosl(x) * cosl(x)));
    CHECKL(asinl, x, 1 / sqrtl(1 - x * x));
    CHECKL(acosl, x, -1 / sqrtl(1 - x * x));
    CHECKL(atanl, x, 1 / (1 + x * x));
    CHECKL(sinhl, x, coshl(x));
    CHECKL(coshl, x, sinhl(x));
    CHECKL(tanhl, x, 1 - tanhl(x) * tanhl(x));
    CHECKL(asinhl, x, 1 / sqrtl(x * x + 1));
    CHECKL(acoshl, x, 1 / sqrtl((x + 1) * (x + 1) - 1));
    CHECKL(atanhl, x, 1 / (1 - x * x));
    CHECKL(atan2l, x, 0.5L / (x * x + 0.25L));
    CHECKL(expl, x, expl(x));
    CHECKL(exp2l, x, exp2l(x) * logl(2.0L));
    CHECKL(expm1l, x, expl(x));
    CHECKL(logl, x, 1 / x);
    CHECKL(log2l, x, 1 / (x * logl(2.0L)));
    CHECKL(log10l, x, 1 / (x * logl(10.0L)));
    CHECKL(log1pl, x, 1 / (1 + x));
    CHECKL(sqrtl, x, 0.5L / sqrtl(x));
    CHECKL(cbrtl, x, 1.0L / (3.0L * cbrtl(x) * cbrtl(x)));
    CHECKL(powl, x, 2.5L * powl(x, 1.5L));
    CHECKL(hypotl, x, x / hypotl(x, 2.0L));
    CHECKL(fabsl, -x, -1.0L);
    CHECKL(fminl, x, 1.0L);
    CHECKL(fmal, x, 2 * x);
    CHECKL(copysignl, x, -1.0L);
    CHECKL(fmodl, x, 8.0L);
    CHECKL(erfl, x, 2 / sqrtl(3.14159265358979323846264338327950288L) * expl(-x * x));
    CHECKL(erfcl, x, -2 / sqrtl(3.14159265358979323846264338327950288L) * expl(-x * x));
    CHECKL(floorl, x, 0.0L);
    CHECKL(ceill, x, 0.0L);
    CHECKL(truncl, x, 0.0L);
    CHECKL(roundl, x, 0.0L);
    CHECKL(rintl, x, 0.0L);
    CHECKL(nearbyintl, x, 0.0L);
    CHECKL(ldexpl, x, 16.0L);
    CHECKL(frexpl, x, 2.0L);
    CHECKL(poly, x, 3 * x * x - 2 - 1 / (x * x));
    return corpus_exit();
}
