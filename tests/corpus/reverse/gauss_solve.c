/* Solve A x = b by Gaussian elimination without pivoting (in place on copies), the loss is c . x: gradient
 * w.r.t. A and b; closed form db = A^{-T} c, dA = -(A^{-T} c) x^T. */
#include "enzyme_reverse_test.h"

#define N 4

static double solve_dot(const double *A0, const double *b0, const double *c, int n)
{
    double A[N * N], b[N], x[N];
    for (int i = 0; i < n * n; i++) A[i] = A0[i];
    for (int i = 0; i < n; i++) b[i] = b0[i];
    for (int k = 0; k < n; k++)
        for (int i = k + 1; i < n; i++) {
            double f = A[i * n + k] / A[k * n + k];
            for (int j = k; j < n; j++) A[i * n + j] -= f * A[k * n + j];
            b[i] -= f * b[k];
        }
    for (int i = n - 1; i >= 0; i--) {
        double s = b[i];
        for (int j = i + 1; j < n; j++) s -= A[i * n + j] * x[j];
        x[i] = s / A[i * n + i];
    }
    double r = 0.0;
    for (int i = 0; i < n; i++) r += c[i] * x[i];
    return r;
}

static double *gA, *gb, *gc;
static double wA(double *A, void *u) { (void)u; return solve_dot(A, gb, gc, N); }
static double wb(double *b, void *u) { (void)u; return solve_dot(gA, b, gc, N); }

int main(void)
{
    rev_seed(101);
    double A[N * N], b[N], c[N], dA[N * N] = {0}, db[N] = {0}, vA[N * N], vb[N];
    rev_rand_fill(A, N * N);
    for (int i = 0; i < N; i++) A[i * N + i] += 4.0;
    rev_rand_fill(b, N);
    rev_rand_fill(c, N);
    rev_rand_fill(vA, N * N);
    rev_rand_fill(vb, N);
    gA = A; gb = b; gc = c;
    __enzyme_autodiff_v((void *)solve_dot, A, dA, b, db, enzyme_const, c, N);
    rev_check_grad("dA", wA, 0, A, dA, N * N, REV_H, REV_TOL);
    rev_check_grad("db", wb, 0, b, db, N, REV_H, REV_TOL);
    /* closed: sum_j A[j][i] db[j] = c[i] */
    for (int i = 0; i < N; i++) {
        double s = 0.0;
        for (int j = 0; j < N; j++) s += A[j * N + i] * db[j];
        check_close("A^T db = c", s, c[i], 1e-13);
    }
    double w = rev_rand();
    rev_check_dot("solve", w * __enzyme_fwddiff((void *)solve_dot, A, vA, b, vb, enzyme_const, c, N),
                  w * (rev_dot(vA, dA, N * N) + rev_dot(vb, db, N)));
    return corpus_exit();
}
