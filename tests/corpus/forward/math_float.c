/* Single-precision math functions (sinf, expf, ...), checked against double-precision closed forms. */
#include "enzyme_test.h"

#define W1(fn) static float w_##fn(float x) { return fn(x); }
W1(sinf) W1(cosf) W1(tanf) W1(asinf) W1(acosf) W1(atanf) W1(sinhf) W1(coshf) W1(tanhf) W1(asinhf) W1(atanhf)
W1(expf) W1(exp2f) W1(expm1f) W1(logf) W1(log2f) W1(log10f) W1(log1pf) W1(sqrtf) W1(cbrtf) W1(fabsf) W1(erff) W1(erfcf)
W1(floorf) W1(ceilf) W1(truncf) W1(roundf) W1(rintf) W1(nearbyintf)
static float w_acoshf(float x) { return acoshf(x + 1.0f); }
static float w_atan2f(float x) { return atan2f(x, 0.5f); }
static float w_powf(float x) { return powf(x, 2.5f); }
static float w_hypotf(float x) { return hypotf(x, 2.0f); }
static float w_fminf(float x) { return fminf(x, 0.1f) + fmaxf(x, 0.2f); }
static float w_fmaf(float x) { return fmaf(x, x, 1.5f); }
static float w_copysignf(float x) { return copysignf(x, -1.0f); }
static float w_ldexpf(float x) { return ldexpf(x, 4); }
static float w_frexpf(float x) { int e; return frexpf(x, &e); }

#define CHECKF(fn, x, expected) \
    check_close(#fn, (double)__enzyme_fwddiff_f((void *)w_##fn, (float)(x), 1.0f), (expected), 2e-6)

int main(void)
{
    float xf = 0.4f;
    double x = (double)xf; /* the exact value the float function sees */
    CHECKF(sinf, xf, cos(x));
    CHECKF(cosf, xf, -sin(x));
    CHECKF(tanf, xf, 1 / (cos(x) * cos(x)));
    CHECKF(asinf, xf, 1 / sqrt(1 - x * x));
    CHECKF(acosf, xf, -1 / sqrt(1 - x * x));
    CHECKF(atanf, xf, 1 / (1 + x * x));
    CHECKF(sinhf, xf, cosh(x));
    CHECKF(coshf, xf, sinh(x));
    CHECKF(tanhf, xf, 1 - tanh(x) * tanh(x));
    CHECKF(asinhf, xf, 1 / sqrt(x * x + 1));
    CHECKF(acoshf, xf, 1 / sqrt((x + 1) * (x + 1) - 1));
    CHECKF(atanhf, xf, 1 / (1 - x * x));
    CHECKF(atan2f, xf, 0.5 / (x * x + 0.25));
    CHECKF(expf, xf, exp(x));
    CHECKF(exp2f, xf, exp2(x) * log(2.0));
    CHECKF(expm1f, xf, exp(x));
    CHECKF(logf, xf, 1 / x);
    CHECKF(log2f, xf, 1 / (x * log(2.0)));
    CHECKF(log10f, xf, 1 / (x * log(10.0)));
    CHECKF(log1pf, xf, 1 / (1 + x));
    CHECKF(sqrtf, xf, 0.5 / sqrt(x));
    CHECKF(cbrtf, xf, 1.0 / (3.0 * cbrt(x) * cbrt(x)));
    CHECKF(powf, xf, 2.5 * pow(x, 1.5));
    CHECKF(hypotf, xf, x / hypot(x, 2.0));
    CHECKF(fabsf, -xf, -1.0);
    CHECKF(fminf, xf, 1.0);
    CHECKF(fmaf, xf, 2 * x);
    CHECKF(copysignf, xf, -1.0);
    CHECKF(erff, xf, 2 / sqrt(M_PI) * exp(-x * x));
    CHECKF(erfcf, xf, -2 / sqrt(M_PI) * exp(-x * x));
    CHECKF(floorf, xf, 0.0);
    CHECKF(ceilf, xf, 0.0);
    CHECKF(truncf, xf, 0.0);
    CHECKF(roundf, xf, 0.0);
    CHECKF(rintf, xf, 0.0);
    CHECKF(nearbyintf, xf, 0.0);
    CHECKF(ldexpf, xf, 16.0);
    CHECKF(frexpf, xf, 2.0); /* 0.4 = 0.8 * 2^-1 */
    return corpus_exit();
}
