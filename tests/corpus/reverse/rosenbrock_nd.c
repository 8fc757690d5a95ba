/* N-dimensional Rosenbrock function; closed-form gradient and finite differences, several sizes. */
#include "enzyme_reverse_test.h"

static double rosen(const double *x, int n)
{
    double f = 0.0;
    for (int i = 0; i + 1 < n; i++) {
        double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
        f += 100.0 * a * a + b * b;
    }
    return f;
}

static double wr(double *x, void *c) { return rosen(x, *(int *)c); }

int main(void)
{
    rev_seed(62);
    int sizes[3] = {2, 7, 20};
    for (int k = 0; k < 3; k++) {
        int n = sizes[k];
        double x[20], dx[20] = {0}, v[20], g[20] = {0};
        for (int i = 0; i < n; i++) x[i] = 1.0 + 0.5 * rev_rand();
        rev_rand_fill(v, n);
        __enzyme_autodiff_v((void *)rosen, x, dx, n);
        for (int i = 0; i + 1 < n; i++) {
            g[i] += -400.0 * x[i] * (x[i + 1] - x[i] * x[i]) - 2.0 * (1.0 - x[i]);
            g[i + 1] += 200.0 * (x[i + 1] - x[i] * x[i]);
        }
        for (int i = 0; i < n; i++) check_close("rosen closed", dx[i], g[i], 1e-13);
        rev_check_grad("rosen fd", wr, &n, x, dx, n, REV_H, REV_TOL);
        double w = rev_rand();
        rev_check_dot("rosen", w * __enzyme_fwddiff((void *)rosen, x, v, n), w * rev_dot(v, dx, n));
    }
    return corpus_exit();
}
