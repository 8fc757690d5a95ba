/* In-place prefix sum and prefix product (each element overwritten using the previous, already overwritten
 * one), run forwards then backwards; vector-valued: the whole array is the output (shadow seeded with w). */
#include "enzyme_reverse_test.h"

#define N 8

static void scan(double *x, int n)
{
    for (int i = 1; i < n; i++) x[i] += x[i - 1];
    for (int i = n - 2; i >= 0; i--) x[i] = x[i] * (1.0 + 0.1 * x[i + 1]);
}

static double *gw;
static double ws(double *x0, void *c)
{
    double t[N];
    (void)c;
    for (int i = 0; i < N; i++) t[i] = x0[i];
    scan(t, N);
    return rev_dot(t, gw, N);
}

int main(void)
{
    rev_seed(102);
    double x0[N], x[N], dx[N], w[N], v[N], tx[N];
    rev_rand_fill(x0, N);
    rev_rand_fill(w, N);
    rev_rand_fill(v, N);
    gw = w;
    for (int i = 0; i < N; i++) { x[i] = x0[i]; dx[i] = w[i]; }
    __enzyme_autodiff_v((void *)scan, x, dx, N);
    /* dx now holds J^T w (with respect to the input values) */
    rev_check_grad("JTw", ws, 0, x0, dx, N, REV_H, REV_TOL);
    for (int i = 0; i < N; i++) { x[i] = x0[i]; tx[i] = v[i]; }
    __enzyme_fwddiff_v((void *)scan, x, tx, N);
    rev_check_dot("scan", rev_dot(tx, w, N), rev_dot(v, dx, N));
    return corpus_exit();
}
