/* column_major_2d: the Fortran a(m, n) is the C array a[j * m + i]; the primal result b is checked against
 * the same loops written in C with that layout, the gradient of f against central differences. */
#include "enzyme_reverse_test.h"

#define M 4
#define N 3

void grid_map(int m, int n, const double *a, double *b, double *f);

static double f_of(double *a, void *unused)
{
    (void)unused;
    double b[M * N], f;
    grid_map(M, N, a, b, &f);
    return f;
}

int main(void)
{
    rev_seed(41);
    double a[M * N], da[M * N] = {0}, v[M * N], b[M * N], db[M * N] = {0}, f, df = 1.0, expected[M * N];
    rev_rand_fill(a, M * N);
    rev_rand_fill(v, M * N);

    grid_map(M, N, a, b, &f);
    for (int j = 0; j < N; j++)
        for (int i = 0; i < M; i++) expected[j * M + i] = a[j * M + i] * (i + 1) + sin(a[j * M + i]) * (j + 1);
    for (int j = 1; j < N; j++)
        for (int i = 0; i < M; i++) expected[j * M + i] += 0.5 * expected[(j - 1) * M + i];
    for (int k = 0; k < M * N; k++) check_close("b", b[k], expected[k], 1e-14);

    __enzyme_autodiff_v((void *)grid_map, M, N, a, da, b, db, &f, &df);
    rev_check_grad("da", f_of, NULL, a, da, M * N, REV_H, REV_TOL);

    double tangent = 0.0;
    __enzyme_fwddiff_v((void *)grid_map, M, N, a, v, b, db, &f, &tangent);
    rev_check_dot("grid_map", tangent, rev_dot(v, da, M * N));
    return corpus_exit();
}
