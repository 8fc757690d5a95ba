/* Integer/floating conversions and integer control: sitofp of loop indices, fptosi used as an index (piecewise
 * linear table lookup), integer arithmetic on the active path being inactive, rounding. */
#include "enzyme_reverse_test.h"

static double lookup(const double *table, int n, double x)
{
    double u = x * (n - 1);
    int i = (int)u;
    if (i < 0) i = 0;
    if (i > n - 2) i = n - 2;
    double t = u - i;
    return (1.0 - t) * table[i] + t * table[i + 1];
}

static double mix(double x, long k)
{
    double s = 0.0;
    for (long i = 0; i < k; i++) s += (double)(i * i % 7) * x + (double)i / (x + 1.0);
    long r = (long)(x * 10.0 + 0.5); /* fptosi (lround itself: see math_int_returning.c) */
    return s + r * x + floor(x * 3.0) * x * x;
}

static double wt(double *t, void *x) { return lookup(t, 6, *(double *)x); }

int main(void)
{
    rev_seed(95);
    double table[6], dt[6] = {0}, vt[6];
    rev_rand_fill(table, 6);
    rev_rand_fill(vt, 6);
    double xs[3] = {0.13, 0.57, 0.93};
    for (int c = 0; c < 3; c++) {
        for (int i = 0; i < 6; i++) dt[i] = 0.0;
        double dx = __enzyme_autodiff((void *)lookup, table, dt, 6, xs[c]);
        rev_check_grad("dtable", wt, &xs[c], table, dt, 6, REV_H, REV_TOL);
        double fdx = (lookup(table, 6, xs[c] + REV_H) - lookup(table, 6, xs[c] - REV_H)) / (2 * REV_H);
        check_close("dx", dx, fdx, REV_TOL);
        double w = rev_rand(), vx = rev_rand();
        rev_check_dot("lookup", w * __enzyme_fwddiff((void *)lookup, table, vt, 6, xs[c], vx), w * (rev_dot(vt, dt, 6) + vx * dx));
    }
    double g = __enzyme_autodiff((void *)mix, 0.77, 9L);
    check_close("mix", g, (mix(0.77 + REV_H, 9) - mix(0.77 - REV_H, 9)) / (2 * REV_H), REV_TOL);
    check_close("mix dot", __enzyme_fwddiff((void *)mix, 0.77, 1.0, 9L), g, 1e-13);
    return corpus_exit();
}
