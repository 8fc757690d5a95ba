/* Single-precision code: float loops, arrays, mixed float/double, float outputs. */
#include "enzyme_test.h"

static float poly_f(float x, int n)
{
    float s = 0.0f, p = 1.0f;
    for (int i = 0; i < n; i++) {
        s += p * (float)(i + 1);
        p *= x;
    }
    return s;
}

static float smooth(const float *v, int n)
{
    float s = 0.0f;
    for (int i = 1; i + 1 < n; i++)
        s += sqrtf(v[i - 1] * v[i - 1] + v[i] * v[i + 1] + 1.0f) * expf(-0.1f * v[i]);
    return s;
}

/* float promoted to double internally */
static float mixed_prec(float x)
{
    double d = (double)x;
    return (float)(sin(d) * d) + x * x;
}

static void scale_out(float a, const float *in, float *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = a * in[i] * in[i];
}

static double smooth_d(double *v, void *c)
{
    (void)c;
    double s = 0.0;
    for (int i = 1; i + 1 < 4; i++)
        s += sqrt(v[i - 1] * v[i - 1] + v[i] * v[i + 1] + 1.0) * exp(-0.1 * v[i]);
    return s;
}

int main(void)
{
    float x = 0.5f;
    double xd = 0.5, closed = 0.0;
    for (int i = 1; i < 6; i++) closed += (double)(i + 1) * i * pow(xd, i - 1);
    check_close("poly_f", __enzyme_fwddiff_f((void *)poly_f, x, 1.0f, 6), closed, 1e-6);
    /* also requested through the double-returning declaration: float promoted by the call */
    check_close("poly_f via double decl", __enzyme_fwddiff((void *)poly_f, x, 1.0f, 6), closed, 1e-6);
    float v[4] = {0.3f, 1.1f, -0.4f, 0.8f}, dv[4] = {1.0f, 0.5f, -1.0f, 2.0f};
    double vd[4] = {0.3f, 1.1f, -0.4f, 0.8f}, dir[4] = {1.0, 0.5, -1.0, 2.0};
    check_close("smooth", __enzyme_fwddiff_f((void *)smooth, v, dv, 4), central_diff_dir(smooth_d, 0, vd, dir, 4, CORPUS_H), 1e-5);
    check_close("mixed_prec", __enzyme_fwddiff_f((void *)mixed_prec, 0.8f, 1.0f), cos(0.8f) * (double)0.8f + sin(0.8f) + 2 * (double)0.8f, 1e-6);
    float in[3] = {1.0f, 2.0f, 3.0f}, out[3], dout[3];
    __enzyme_fwddiff_v((void *)scale_out, 1.5f, 1.0f, enzyme_const, in, out, dout, 3);
    check_close("scale_out shadow", dout[2], 9.0, 1e-7);
    check_close("scale_out primal", out[2], 13.5, 1e-7);
    return corpus_exit();
}
