/* float versions of the math library: sinf cosf tanf expf logf powf sqrtf atan2f hypotf fminf fmaxf fabsf
 * tanhf erff lgammaf, differentiated in single precision with a float adjoint. */
#include "enzyme_reverse_test.h"

static float f_trig(float x) { return sinf(x) * cosf(2.0f * x) + tanf(0.5f * x) + atan2f(x, 1.5f) + hypotf(x, 0.5f); }
static float f_exp(float x) { return expf(-x) * logf(1.0f + x * x) + powf(x, 2.5f) + sqrtf(x + 1.0f); }
static float f_pw(float x) { return fminf(x * x, 0.5f) + fmaxf(x, 0.1f) * fabsf(x - 2.0f); }
static float f_spec(float x) { return tanhf(x) * erff(x) + lgammaf(1.0f + x); }
static float f_arr(const float *x, int n)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += sinf(x[i]) * expf(0.1f * x[i]) + powf(fabsf(x[i]) + 1.0f, 1.5f);
    return s;
}

typedef float (*FF)(float);
static double wrapd(double *x, void *c) { return (double)((FF)c)((float)x[0]); }

/* a macro, so that each request names its function directly; float-precision finite differences use a
 * larger step and a looser tolerance */
#define check(name, f, x_)                                                                      \
    do {                                                                                        \
        float x = (x_);                                                                         \
        float g = __enzyme_autodiff_f((void *)f, x);                                            \
        double xd = x, gd = g;                                                                  \
        rev_check_grad(name, wrapd, (void *)f, &xd, &gd, 1, 1e-2, 2e-3);                        \
        float v = 0.75f, w = -1.25f;                                                            \
        check_close(name, (double)(w * __enzyme_fwddiff_f((void *)f, x, v)), (double)(v * (w * g)), 1e-6); \
    } while (0)

int main(void)
{
    check("trig", f_trig, 0.8f);
    check("exp", f_exp, 0.8f);
    check("pw", f_pw, 0.8f);
    check("pw2", f_pw, 0.3f);
    check("spec", f_spec, 0.8f);
    /* closed forms in double from the float primal point */
    float x = 0.8f;
    check_close("trig closed", __enzyme_autodiff_f((void *)f_trig, x),
                cos(x) * cos(2 * x) - 2 * sin(x) * sin(2 * x) + 0.5 / (cos(0.5 * x) * cos(0.5 * x)) + 1.5 / (x * x + 2.25) + x / hypot(x, 0.5), 1e-5);
    float a[5] = {0.5f, -1.0f, 2.0f, 0.25f, -0.3f}, da[5] = {0};
    __enzyme_autodiff_v((void *)f_arr, a, da, 5);
    for (int i = 0; i < 5; i++) {
        double t = a[i], s = t >= 0 ? 1.0 : -1.0;
        check_close("f_arr", da[i], cos(t) * exp(0.1 * t) + 0.1 * sin(t) * exp(0.1 * t) + 1.5 * sqrt(fabs(t) + 1.0) * s, 1e-5);
    }
    return corpus_exit();
}
