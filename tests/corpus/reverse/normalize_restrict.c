/* The Enzyme paper's example: out[i] = in[i] / mag(in) with __restrict__ pointers; a vector-valued function
 * R^n -> R^n. The user seeds the output shadow with the output adjoint w; the reverse pass accumulates
 * J^T w into the input shadow and zeroes the output shadow. */
#include "enzyme_reverse_test.h"

static double mag(const double *__restrict__ x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return sqrt(s);
}

static void normalize(double *__restrict__ out, const double *__restrict__ in, int n)
{
    for (int i = 0; i < n; i++) out[i] = in[i] / mag(in, n);
}

#define N 7
static double *gw;
/* scalar wrapper for finite differences: w . normalize(x) */
static double wn(double *x, void *c)
{
    double o[N];
    (void)c;
    normalize(o, x, N);
    return rev_dot(o, gw, N);
}

int main(void)
{
    rev_seed(63);
    double in[N], din[N] = {0}, out[N], dout[N], w[N], v[N], tout[N];
    rev_rand_fill(in, N);
    rev_rand_fill(w, N);
    rev_rand_fill(v, N);
    gw = w;
    for (int i = 0; i < N; i++) dout[i] = w[i];
    __enzyme_autodiff_v((void *)normalize, out, dout, in, din, N);
    rev_check_grad("JTw", wn, 0, in, din, N, REV_H, REV_TOL);
    int zero = 1;
    for (int i = 0; i < N; i++) zero &= dout[i] == 0.0;
    check_true("output shadow zeroed", zero);
    double m = mag(in, N);
    check_close("primal out[3]", out[3], in[3] / m, 1e-15);
    /* closed form: J^T w = (w - (w.u) u) / |x| with u = x/|x| */
    double wu = 0.0;
    for (int i = 0; i < N; i++) wu += w[i] * in[i] / m;
    for (int i = 0; i < N; i++) check_close("closed", din[i], (w[i] - wu * in[i] / m) / m, 1e-13);
    /* dot test: J v by forward mode, compare <J v, w> with <v, J^T w> */
    __enzyme_fwddiff_v((void *)normalize, out, tout, in, v, N);
    rev_check_dot("normalize", rev_dot(tout, w, N), rev_dot(v, din, N));
    /* accumulation: a second reverse call adds into din */
    double din2[N];
    for (int i = 0; i < N; i++) { din2[i] = din[i]; dout[i] = w[i]; }
    __enzyme_autodiff_v((void *)normalize, out, dout, in, din2, N);
    for (int i = 0; i < N; i++) check_close("accumulated", din2[i], 2.0 * din[i], 1e-15);
    return corpus_exit();
}
