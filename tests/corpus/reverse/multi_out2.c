/* Two enzyme_out arguments returned in registers, with pointer (dup) and int (const) arguments between them. */
#include "enzyme_reverse_test.h"

static double f(double x, const double *a, int n, double y)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += a[i] * pow(x, i) * cos(y * i);
    return s;
}
static double wxy(double *v, void *c) { return f(v[0], (const double *)c, 4, v[1]); }
static double wa(double *a, void *c) { double *xy = (double *)c; return f(xy[0], a, 4, xy[1]); }

int main(void)
{
    rev_seed(2);
    double xy[2] = {0.8, 0.3};
    double a[4] = {1.0, -2.0, 0.5, 3.0}, da[4] = {0, 0, 0, 0};
    Grad2 g = __enzyme_autodiff2((void *)f, xy[0], a, da, 4, xy[1]);
    double gr[2] = {g.a, g.b};
    rev_check_grad("dxy", wxy, a, xy, gr, 2, REV_H, REV_TOL);
    rev_check_grad("da", wa, xy, a, da, 4, REV_H, REV_TOL);
    double v[2], va[4], w = rev_rand();
    rev_rand_fill(v, 2);
    rev_rand_fill(va, 4);
    double jv = __enzyme_fwddiff((void *)f, xy[0], v[0], a, va, 4, xy[1], v[1]);
    rev_check_dot("f", w * jv, w * (rev_dot(v, gr, 2) + rev_dot(va, da, 4)));
    return corpus_exit();
}
