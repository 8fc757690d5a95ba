/* malloc/free inside the differentiated function: a heap scratch buffer of active values, reallocated per call. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

static double smooth_norm(const double *x, int n)
{
    double *y = (double *)malloc(sizeof(double) * n);
    double *z = (double *)malloc(sizeof(double) * n);
    for (int i = 0; i < n; i++) y[i] = x[i] * x[i] + 0.5 * x[(i + 1) % n];
    for (int i = 0; i < n; i++) z[i] = y[i] * y[(i + n - 1) % n];
    free(y);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += sqrt(1.0 + z[i] * z[i]);
    free(z);
    return s;
}

static double ws(double *x, void *c) { return smooth_norm(x, *(int *)c); }

int main(void)
{
    rev_seed(27);
    int n = 10;
    double x[10], dx[10] = {0}, v[10];
    rev_rand_fill(x, 10);
    rev_rand_fill(v, 10);
    __enzyme_autodiff_v((void *)smooth_norm, x, dx, n);
    rev_check_grad("smooth_norm", ws, &n, x, dx, 10, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("smooth_norm", w * __enzyme_fwddiff((void *)smooth_norm, x, v, n), w * rev_dot(v, dx, 10));
    /* call again many times: no leak/crash, same answer */
    double dx2[10];
    for (int r = 0; r < 200; r++) {
        for (int i = 0; i < 10; i++) dx2[i] = 0.0;
        __enzyme_autodiff_v((void *)smooth_norm, x, dx2, n);
    }
    check_close("repeat dx[3]", dx2[3], dx[3], 0.0);
    return corpus_exit();
}
