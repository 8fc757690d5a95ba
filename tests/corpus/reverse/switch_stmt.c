/* switch statements: on a const integer argument, and inside a loop on the index (with fallthrough). */
#include "enzyme_reverse_test.h"

static double op(double x, double y, int k)
{
    switch (k) {
    case 0: return x * y;
    case 1: return x / y;
    case 2: return sin(x) * cos(y);
    case 5: return pow(x, y);
    default: return x - y * y;
    }
}

static double mixed(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: s += x[i] * x[i]; break;
        case 1: s *= 1.0 + 0.1 * x[i]; /* fallthrough */
        case 2: s += exp(0.3 * x[i]); break;
        default: s -= x[i] * s * 0.2; break;
        }
    }
    return s;
}

static double wop(double *p, void *c) { return op(p[0], p[1], *(int *)c); }
static double wm(double *x, void *c) { return mixed(x, *(int *)c); }

int main(void)
{
    rev_seed(24);
    double p[2] = {1.4, 0.6};
    int ks[5] = {0, 1, 2, 5, 9};
    for (int i = 0; i < 5; i++) {
        Grad2 g = __enzyme_autodiff2((void *)op, p[0], p[1], ks[i]);
        double gr[2] = {g.a, g.b};
        rev_check_grad("op", wop, &ks[i], p, gr, 2, REV_H, REV_TOL);
        double v0 = rev_rand(), v1 = rev_rand(), w = rev_rand();
        rev_check_dot("op", w * __enzyme_fwddiff((void *)op, p[0], v0, p[1], v1, ks[i]), w * (v0 * g.a + v1 * g.b));
    }
    int n = 11;
    double x[11], dx[11] = {0}, v[11];
    rev_rand_fill(x, 11);
    rev_rand_fill(v, 11);
    __enzyme_autodiff_v((void *)mixed, x, dx, n);
    rev_check_grad("mixed", wm, &n, x, dx, 11, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("mixed", w * __enzyme_fwddiff((void *)mixed, x, v, n), w * rev_dot(v, dx, 11));
    return corpus_exit();
}
