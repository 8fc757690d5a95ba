/* Tridiagonal solve by the Thomas algorithm (forward elimination + back substitution) with malloc'd
 * modified-coefficient buffers sized by a runtime n, as in implicit 1-D diffusion codes. The loss is a
 * nonlinear functional of the solution, so the gradient flows through the divisions of the elimination
 * (each pivot depends on the previous one) into all four bands: sub-diagonal a, diagonal b,
 * super-diagonal c and right-hand side d. Closed form: dd = A^{-T} (dL/dx). */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

static void thomas(const double *a, const double *b, const double *c, const double *d, double *x, int n)
{
    double *cp = malloc(sizeof(double) * (size_t)n);
    double *dp = malloc(sizeof(double) * (size_t)n);
    cp[0] = c[0] / b[0];
    dp[0] = d[0] / b[0];
    for (int i = 1; i < n; i++) {
        double m = b[i] - a[i] * cp[i - 1];
        cp[i] = i + 1 < n ? c[i] / m : 0.0;
        dp[i] = (d[i] - a[i] * dp[i - 1]) / m;
    }
    x[n - 1] = dp[n - 1];
    for (int i = n - 2; i >= 0; i--) x[i] = dp[i] - cp[i] * x[i + 1];
    free(cp);
    free(dp);
}

static double loss(const double *a, const double *b, const double *c, const double *d, int n)
{
    double *x = malloc(sizeof(double) * (size_t)n);
    thomas(a, b, c, d, x, n);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += (i + 1) * x[i] * x[i] + sin(x[i]);
    free(x);
    return s;
}

#define N 9
static double wflat(double *p, void *ctx)
{
    (void)ctx;
    return loss(p, p + N, p + 2 * N, p + 3 * N, N);
}

int main(void)
{
    rev_seed(1601);
    double p[4 * N], dp[4 * N] = {0}, v[4 * N];
    for (int i = 0; i < N; i++) {
        p[i] = 0.8 * rev_rand();             /* a */
        p[N + i] = 3.0 + rev_rand();         /* b: diagonally dominant */
        p[2 * N + i] = 0.8 * rev_rand();     /* c */
        p[3 * N + i] = rev_rand();           /* d */
    }
    rev_rand_fill(v, 4 * N);
    __enzyme_autodiff_v((void *)loss, p, dp, p + N, dp + N, p + 2 * N, dp + 2 * N, p + 3 * N, dp + 3 * N, N);
    rev_check_grad("d(a,b,c,d)", wflat, 0, p, dp, 4 * N, REV_H, REV_TOL);

    /* closed form for the right-hand side: dd = A^{-T} g with g = dL/dx; check A^T dd = g */
    double x[N], g[N];
    thomas(p, p + N, p + 2 * N, p + 3 * N, x, N);
    for (int i = 0; i < N; i++) g[i] = 2.0 * (i + 1) * x[i] + cos(x[i]);
    const double *a = p, *b = p + N, *c = p + 2 * N, *dd = dp + 3 * N;
    for (int i = 0; i < N; i++) {
        double atd = b[i] * dd[i] + (i + 1 < N ? a[i + 1] * dd[i + 1] : 0.0) + (i > 0 ? c[i - 1] * dd[i - 1] : 0.0);
        check_close("A^T dd = dL/dx", atd, g[i], 1e-12);
    }

    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)loss, p, v, p + N, v + N, p + 2 * N, v + 2 * N, p + 3 * N, v + 3 * N, N);
    rev_check_dot("thomas", w * jv, w * rev_dot(v, dp, 4 * N));
    return corpus_exit();
}
