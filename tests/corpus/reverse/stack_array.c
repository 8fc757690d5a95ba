/* Stack arrays (fixed and variable length) holding active intermediates inside the differentiated function. */
#include "enzyme_reverse_test.h"

static double prefix_energy(const double *x, int n)
{
    double pre[16];
    pre[0] = x[0];
    for (int i = 1; i < n; i++) pre[i] = pre[i - 1] + x[i] * x[i - 1];
    double e = 0.0;
    for (int i = n - 1; i >= 0; i--) e += pre[i] * pre[i] * 0.5 + cos(pre[i]);
    return e;
}

static double vla(const double *x, int n)
{
    double t[n];
    for (int i = 0; i < n; i++) t[i] = exp(-x[i] * x[i]);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += t[i] * t[(i + 1) % n];
    return s;
}

static double wp(double *x, void *c) { return prefix_energy(x, *(int *)c); }
static double wv(double *x, void *c) { return vla(x, *(int *)c); }

int main(void)
{
    rev_seed(26);
    int n = 12;
    double x[12], dx[12] = {0}, dv[12] = {0}, v[12];
    rev_rand_fill(x, 12);
    rev_rand_fill(v, 12);
    double w = rev_rand();
    __enzyme_autodiff_v((void *)prefix_energy, x, dx, n);
    rev_check_grad("prefix_energy", wp, &n, x, dx, 12, REV_H, REV_TOL);
    rev_check_dot("prefix_energy", w * __enzyme_fwddiff((void *)prefix_energy, x, v, n), w * rev_dot(v, dx, 12));
    __enzyme_autodiff_v((void *)vla, x, dv, n);
    rev_check_grad("vla", wv, &n, x, dv, 12, REV_H, REV_TOL);
    rev_check_dot("vla", w * __enzyme_fwddiff((void *)vla, x, v, n), w * rev_dot(v, dv, 12));
    return corpus_exit();
}
