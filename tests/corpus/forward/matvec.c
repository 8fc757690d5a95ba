/* Dense matrix-vector product y = A x (row-major, run-time sizes), and a quadratic form x^T A x. */
#include "enzyme_test.h"

static void matvec(const double *A, const double *x, double *y, int m, int n)
{
    for (int i = 0; i < m; i++) {
        double s = 0.0;
        for (int j = 0; j < n; j++) s += A[i * n + j] * x[j];
        y[i] = s;
    }
}

static double quad_form(const double *A, const double *x, int n)
{
    double y[8];
    matvec(A, x, y, n, n);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}

int main(void)
{
    enum { M = 3, N = 4 };
    double A[M * N], dA[M * N], x[N] = {1.0, -2.0, 0.5, 3.0}, dx[N] = {0.5, 1.0, -1.0, 0.0}, y[M], dy[M];
    for (int i = 0; i < M * N; i++) { A[i] = sin(i + 1.0); dA[i] = cos(i * 0.5); }
    /* tangent y' = A' x + A x' */
    __enzyme_fwddiff_v((void *)matvec, A, dA, x, dx, y, dy, M, N);
    for (int i = 0; i < M; i++) {
        double e = 0.0;
        for (int j = 0; j < N; j++) e += dA[i * N + j] * x[j] + A[i * N + j] * dx[j];
        check_close("matvec tangent", dy[i], e, 1e-14);
    }
    /* only x active */
    __enzyme_fwddiff_v((void *)matvec, enzyme_const, A, x, dx, y, dy, M, N);
    for (int i = 0; i < M; i++) {
        double e = 0.0;
        for (int j = 0; j < N; j++) e += A[i * N + j] * dx[j];
        check_close("matvec A const", dy[i], e, 1e-14);
    }
    /* quadratic form: d(x^T A x) = dx^T (A + A^T) x */
    double B[16];
    for (int i = 0; i < 16; i++) B[i] = 1.0 / (1.0 + i);
    double e = 0.0;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) e += dx[i] * (B[i * 4 + j] + B[j * 4 + i]) * x[j];
    check_close("quad_form", __enzyme_fwddiff((void *)quad_form, enzyme_const, B, x, dx, 4), e, 1e-14);
    return corpus_exit();
}
