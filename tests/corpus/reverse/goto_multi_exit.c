/* Irregular control flow: goto out of nested loops, a retry loop written with goto, and multiple exits. */
#include "enzyme_reverse_test.h"

static double search(const double *x, int n, double thr)
{
    double acc = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            acc += x[i] * x[j] * 0.1;
            if (acc > thr) goto done;
        }
    acc *= 2.0;
done:;
    int tries = 0;
retry:
    acc = acc * 0.9 + sin(acc);
    if (++tries < 3) goto retry;
    return acc;
}

static double wx(double *x, void *t) { return search(x, 5, *(double *)t); }

int main(void)
{
    rev_seed(105);
    double x[5] = {0.9, 1.1, 0.7, 1.3, 0.8}, v[5];
    rev_rand_fill(v, 5);
    double thrs[2] = {1.0, 100.0};
    for (int c = 0; c < 2; c++) {
        double dx[5] = {0};
        __enzyme_autodiff_v((void *)search, x, dx, 5, enzyme_const, thrs[c]);
        rev_check_grad("search", wx, &thrs[c], x, dx, 5, REV_H, REV_TOL);
        double w = rev_rand();
        rev_check_dot("search", w * __enzyme_fwddiff((void *)search, x, v, 5, enzyme_const, thrs[c]), w * rev_dot(v, dx, 5));
    }
    return corpus_exit();
}
