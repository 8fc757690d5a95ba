/* break and continue inside loops, with active values deciding nothing (index-based) and deciding the break. */
#include "enzyme_reverse_test.h"

static double skip_sum(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        if (i % 3 == 1) continue;
        if (i == 9) break;
        s += x[i] * x[i] * x[i];
    }
    return s;
}

static double until_negative(const double *x, int n)
{
    double p = 1.0;
    for (int i = 0; i < n; i++) {
        if (x[i] < 0.0) break;
        if (x[i] > 2.0) continue;
        p *= (1.0 + x[i]);
    }
    return p;
}

static double ws(double *x, void *c) { return skip_sum(x, *(int *)c); }
static double wu(double *x, void *c) { return until_negative(x, *(int *)c); }

int main(void)
{
    rev_seed(15);
    int n = 12;
    double x[12], dx[12] = {0}, v[12];
    rev_rand_fill(x, 12);
    rev_rand_fill(v, 12);
    double w = rev_rand();
    __enzyme_autodiff_v((void *)skip_sum, x, dx, n);
    rev_check_grad("skip_sum", ws, &n, x, dx, 12, REV_H, REV_TOL);
    rev_check_dot("skip_sum", w * __enzyme_fwddiff((void *)skip_sum, x, v, n), w * rev_dot(v, dx, 12));

    double y[12] = {0.5, 2.5, 1.0, 0.25, 3.0, 0.7, -1.0, 0.3, 0.9, 1.2, 0.1, 0.4}, dy[12] = {0};
    __enzyme_autodiff_v((void *)until_negative, y, dy, n);
    rev_check_grad("until_negative", wu, &n, y, dy, 12, REV_H, REV_TOL);
    rev_check_dot("until_negative", w * __enzyme_fwddiff((void *)until_negative, y, v, n), w * rev_dot(v, dy, 12));
    return corpus_exit();
}
