/* Loops whose trip count is a run-time argument, including a zero-trip call and a strided loop. */
#include "enzyme_reverse_test.h"

static double sumsq(const double *x, int n, int stride)
{
    double s = 0.0;
    for (int i = 0; i < n; i += stride) s += x[i] * x[i] * (1.0 + 0.1 * i);
    return s;
}

static double powloop(double x, int n)
{
    double p = 1.0;
    for (int i = 0; i < n; i++) p *= x;
    return p + x;
}

typedef struct { int n, stride; } Ctx;
static double ws(double *x, void *c) { Ctx *k = (Ctx *)c; return sumsq(x, k->n, k->stride); }

int main(void)
{
    rev_seed(12);
    double x[13], dx[13], v[13];
    rev_rand_fill(x, 13);
    rev_rand_fill(v, 13);
    int cases[4][2] = {{13, 1}, {13, 3}, {0, 1}, {5, 2}};
    for (int c = 0; c < 4; c++) {
        Ctx k = {cases[c][0], cases[c][1]};
        for (int i = 0; i < 13; i++) dx[i] = 0.0;
        __enzyme_autodiff_v((void *)sumsq, x, dx, k.n, k.stride);
        rev_check_grad("sumsq", ws, &k, x, dx, 13, REV_H, REV_TOL);
        double w = rev_rand();
        rev_check_dot("sumsq", w * __enzyme_fwddiff((void *)sumsq, x, v, k.n, k.stride), w * rev_dot(v, dx, 13));
    }
    for (int n = 0; n < 7; n += 3) {
        double g = __enzyme_autodiff((void *)powloop, 1.3, n);
        check_close("powloop", g, n * pow(1.3, n - 1) + 1.0, 1e-13);
        check_close("powloop fwd", __enzyme_fwddiff((void *)powloop, 1.3, 1.0, n), g, 1e-13);
    }
    return corpus_exit();
}
