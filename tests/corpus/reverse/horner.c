/* Polynomial evaluation by Horner's rule: gradient w.r.t. the point (enzyme_out) and the coefficients (dup). */
#include "enzyme_reverse_test.h"

static double horner(const double *c, int n, double x)
{
    double p = c[n - 1];
    for (int i = n - 2; i >= 0; i--) p = p * x + c[i];
    return p;
}

static double wc(double *c, void *x) { return horner(c, 9, *(double *)x); }

int main(void)
{
    rev_seed(64);
    double c[9], dc[9] = {0}, vc[9], x = 0.83;
    rev_rand_fill(c, 9);
    rev_rand_fill(vc, 9);
    double dx = __enzyme_autodiff((void *)horner, c, dc, 9, x);
    double closed = 0.0;
    for (int i = 1; i < 9; i++) closed += i * c[i] * pow(x, i - 1);
    check_close("d/dx closed", dx, closed, 1e-13);
    for (int i = 0; i < 9; i++) check_close("d/dc closed", dc[i], pow(x, i), 1e-14);
    rev_check_grad("d/dc fd", wc, &x, c, dc, 9, REV_H, REV_TOL);
    double vx = rev_rand(), w = rev_rand();
    rev_check_dot("horner", w * __enzyme_fwddiff((void *)horner, c, vc, 9, x, vx), w * (rev_dot(vc, dc, 9) + vx * dx));
    return corpus_exit();
}
