/* Four enzyme_out arguments (32-byte struct via hidden pointer), one const double among them, and a pointer argument. */
#include "enzyme_reverse_test.h"

static double f4(double a, double b, double c, double d) { return a * b + c * d + a * a * d - tanh(b * c); }
static double f4p(double a, const double *q, double b, double k, double c, double d)
{
    return (a * q[0] + b * q[1]) * k + c / (d + q[2]) + a * b * c * d;
}

static double w4(double *v, void *c) { (void)c; return f4(v[0], v[1], v[2], v[3]); }
static double w4p(double *v, void *c) { return f4p(v[0], (const double *)c, v[1], 1.7, v[2], v[3]); }

int main(void)
{
    rev_seed(4);
    double p[4] = {0.5, -0.3, 1.1, 2.0};
    Grad4 g = __enzyme_autodiff4((void *)f4, p[0], p[1], p[2], p[3]);
    double gr[4] = {g.a, g.b, g.c, g.d};
    rev_check_grad("f4", w4, 0, p, gr, 4, REV_H, REV_TOL);
    double v[4], w = rev_rand();
    rev_rand_fill(v, 4);
    rev_check_dot("f4", w * __enzyme_fwddiff((void *)f4, p[0], v[0], p[1], v[1], p[2], v[2], p[3], v[3]), w * rev_dot(v, gr, 4));

    double q[3] = {0.2, 0.8, 1.5}, dq[3] = {0, 0, 0};
    Grad4 gp = __enzyme_autodiff4((void *)f4p, p[0], q, dq, p[1], enzyme_const, 1.7, p[2], p[3]);
    double grp[4] = {gp.a, gp.b, gp.c, gp.d};
    rev_check_grad("f4p", w4p, q, p, grp, 4, REV_H, REV_TOL);
    /* the pointer shadow: d/dq */
    check_close("f4p dq0", dq[0], p[0] * 1.7, 1e-14);
    check_close("f4p dq1", dq[1], p[1] * 1.7, 1e-14);
    check_close("f4p dq2", dq[2], -p[2] / ((p[3] + q[2]) * (p[3] + q[2])), 1e-14);
    double vq[3], zero3[3] = {0, 0, 0};
    rev_rand_fill(vq, 3);
    double jv = __enzyme_fwddiff((void *)f4p, p[0], v[0], q, vq, p[1], v[1], 1.7, 0.0, p[2], v[2], p[3], v[3]);
    (void)zero3;
    rev_check_dot("f4p", w * jv, w * (rev_dot(v, grp, 4) + rev_dot(vq, dq, 3)));
    return corpus_exit();
}
