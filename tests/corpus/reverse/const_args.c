/* enzyme_const on doubles and on pointers, mixed with active arguments; const data must get no adjoint and
 * active data must be unaffected by which other arguments are const. */
#include "enzyme_reverse_test.h"

static double f(const double *a, const double *b, double s, double t, int n)
{
    double r = 0.0;
    for (int i = 0; i < n; i++) r += a[i] * exp(b[i] * s) + t * b[i] * b[i];
    return r * t;
}

static double wa(double *a, void *b) { return f(a, (const double *)b, 0.3, 1.7, 5); }
static double wb(double *b, void *a) { return f((const double *)a, b, 0.3, 1.7, 5); }

int main(void)
{
    rev_seed(91);
    double a[5], b[5], da[5] = {0}, db[5] = {0}, va[5], vb[5];
    rev_rand_fill(a, 5);
    rev_rand_fill(b, 5);
    rev_rand_fill(va, 5);
    rev_rand_fill(vb, 5);
    double w = rev_rand();
    /* a active, b const, s const, t active */
    double dt = __enzyme_autodiff((void *)f, a, da, enzyme_const, b, enzyme_const, 0.3, 1.7, 5);
    rev_check_grad("da (b const)", wa, b, a, da, 5, REV_H, REV_TOL);
    check_close("dt", dt, (f(a, b, 0.3, 1.7 + REV_H, 5) - f(a, b, 0.3, 1.7 - REV_H, 5)) / (2 * REV_H), REV_TOL);
    double vt = rev_rand();
    rev_check_dot("a,t active", w * __enzyme_fwddiff((void *)f, a, va, enzyme_const, b, enzyme_const, 0.3, 1.7, vt, 5),
                  w * (rev_dot(va, da, 5) + vt * dt));
    /* a const, b active, s active, t const */
    double ds = __enzyme_autodiff((void *)f, enzyme_const, a, b, db, 0.3, enzyme_const, 1.7, 5);
    rev_check_grad("db (a const)", wb, a, b, db, 5, REV_H, REV_TOL);
    check_close("ds", ds, (f(a, b, 0.3 + REV_H, 1.7, 5) - f(a, b, 0.3 - REV_H, 1.7, 5)) / (2 * REV_H), REV_TOL);
    double vs = rev_rand();
    rev_check_dot("b,s active", w * __enzyme_fwddiff((void *)f, enzyme_const, a, b, vb, 0.3, vs, enzyme_const, 1.7, 5),
                  w * (rev_dot(vb, db, 5) + vs * ds));
    /* everything const: the call must still run (and return 0 adjoint) */
    double da2[5] = {0};
    __enzyme_autodiff_v((void *)f, a, da2, enzyme_const, b, enzyme_const, 0.3, enzyme_const, 1.7, 5);
    rev_check_grad("da (all else const)", wa, b, a, da2, 5, REV_H, REV_TOL);
    return corpus_exit();
}
