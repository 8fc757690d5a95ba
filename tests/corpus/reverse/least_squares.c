/* Nonlinear least-squares residual sum: exponential decay model y = a exp(-k t) + c fitted to data,
 * gradient w.r.t. (a, k, c) as three enzyme_out arguments and w.r.t. the data (dup). */
#include "enzyme_reverse_test.h"

#define M 12

static double rss(double a, double k, double c, const double *t, const double *y, int m)
{
    double s = 0.0;
    for (int i = 0; i < m; i++) {
        double r = a * exp(-k * t[i]) + c - y[i];
        s += r * r;
    }
    return 0.5 * s;
}

static double *gt, *gy;
static double wabc(double *p, void *cx) { (void)cx; return rss(p[0], p[1], p[2], gt, gy, M); }
static double wy(double *y, void *cx) { double *p = (double *)cx; return rss(p[0], p[1], p[2], gt, y, M); }

int main(void)
{
    rev_seed(57);
    double t[M], y[M], dy[M] = {0}, vy[M];
    for (int i = 0; i < M; i++) { t[i] = 0.25 * i; y[i] = 2.0 * exp(-0.7 * t[i]) + 0.3 + 0.05 * rev_rand(); }
    rev_rand_fill(vy, M);
    gt = t; gy = y;
    double p[3] = {1.8, 0.6, 0.2};
    Grad3 g = __enzyme_autodiff3((void *)rss, p[0], p[1], p[2], enzyme_const, t, y, dy, M);
    double gr[3] = {g.a, g.b, g.c};
    rev_check_grad("dabc", wabc, 0, p, gr, 3, REV_H, REV_TOL);
    rev_check_grad("dy", wy, p, y, dy, M, REV_H, REV_TOL);
    double v[3], w = rev_rand();
    rev_rand_fill(v, 3);
    double jv = __enzyme_fwddiff((void *)rss, p[0], v[0], p[1], v[1], p[2], v[2], enzyme_const, t, y, vy, M);
    rev_check_dot("rss", w * jv, w * (rev_dot(v, gr, 3) + rev_dot(vy, dy, M)));
    return corpus_exit();
}
