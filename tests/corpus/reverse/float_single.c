/* Single precision: float arguments/returns (the adjoint comes back as float), float arrays, mixed float/double
 * accumulation (two float enzyme_out arguments: see float_two_out.c). */
#include "enzyme_reverse_test.h"

static float fpoly(float x) { return 3.0f * x * x * x - 2.0f * x + 1.0f / (1.0f + x * x); }
static float fsum(const float *x, int n)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += x[i] * x[i] * (float)(i + 1);
    return s;
}
/* mixed precision: float data, double accumulation */
static double mixed(const float *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += (double)x[i] * (double)x[(i + 1) % n];
    return s;
}

int main(void)
{
    rev_seed(33);
    float x = 0.7f;
    float g = __enzyme_autodiff_f((void *)fpoly, x);
    double gx = 9.0 * x * x - 2.0 - 2.0 * x / ((1.0 + x * x) * (1.0 + x * x));
    check_close("fpoly", g, gx, 1e-5);
    float vv = 0.5f, w = 0.25f;
    /* single precision: the dot-product identity holds to float rounding only */
    check_close("fpoly dot", (double)(w * __enzyme_fwddiff_f((void *)fpoly, x, vv)), (double)(vv * w * g), 1e-6);

    float a[6] = {0.5f, -1.0f, 2.0f, 0.25f, 1.5f, -0.75f}, da[6] = {0};
    __enzyme_autodiff_v((void *)fsum, a, da, 6);
    for (int i = 0; i < 6; i++) check_close("fsum", da[i], 2.0 * a[i] * (i + 1), 1e-6);
    float va[6] = {1.0f, 0.5f, -0.5f, 0.25f, 2.0f, 1.0f};
    double v_jtw = 0.0;
    for (int i = 0; i < 6; i++) v_jtw += (double)va[i] * (double)da[i];
    check_close("fsum dot", (double)__enzyme_fwddiff_f((void *)fsum, a, va, 6), v_jtw, 1e-6);

    float dm[6] = {0};
    __enzyme_autodiff_v((void *)mixed, a, dm, 6);
    for (int i = 0; i < 6; i++) check_close("mixed", dm[i], (double)a[(i + 1) % 6] + (double)a[(i + 5) % 6], 1e-6);
    double jv = __enzyme_fwddiff((void *)mixed, a, va, 6);
    double vj = 0.0;
    for (int i = 0; i < 6; i++) vj += (double)va[i] * (double)dm[i];
    rev_check_dot("mixed", jv, vj);
    return corpus_exit();
}
