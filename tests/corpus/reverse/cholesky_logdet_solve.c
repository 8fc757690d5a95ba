/* Gaussian-process style objective: build the SPD matrix K = M M^T + sigma^2 I from an active factor M
 * and an active noise level, Cholesky-factorise it in place (sqrt of a running pivot, divisions by the
 * diagonal), solve K alpha = y by forward and back substitution, and return the negative log marginal
 * likelihood 0.5 y^T alpha + sum log L_ii. Gradient w.r.t. M, y and sigma (enzyme_out); closed forms
 * dy = alpha and dsigma = sigma (tr K^{-1} - alpha^T alpha) cross-check the finite differences. */
#include "enzyme_reverse_test.h"

#define N 5

static double nll(const double *M, const double *y, double sigma)
{
    double L[N][N], z[N], alpha[N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = i == j ? sigma * sigma : 0.0;
            for (int k = 0; k < N; k++) s += M[i * N + k] * M[j * N + k];
            L[i][j] = s;
        }
    /* in-place Cholesky: lower triangle of L */
    for (int j = 0; j < N; j++) {
        double d = L[j][j];
        for (int k = 0; k < j; k++) d -= L[j][k] * L[j][k];
        L[j][j] = sqrt(d);
        for (int i = j + 1; i < N; i++) {
            double s = L[i][j];
            for (int k = 0; k < j; k++) s -= L[i][k] * L[j][k];
            L[i][j] = s / L[j][j];
        }
    }
    for (int i = 0; i < N; i++) {
        double s = y[i];
        for (int k = 0; k < i; k++) s -= L[i][k] * z[k];
        z[i] = s / L[i][i];
    }
    for (int i = N - 1; i >= 0; i--) {
        double s = z[i];
        for (int k = i + 1; k < N; k++) s -= L[k][i] * alpha[k];
        alpha[i] = s / L[i][i];
    }
    double r = 0.0;
    for (int i = 0; i < N; i++) r += 0.5 * y[i] * alpha[i] + log(L[i][i]);
    return r;
}

/* flat: [M (N*N), y (N), sigma] */
static double wflat(double *p, void *c)
{
    (void)c;
    return nll(p, p + N * N, p[N * N + N]);
}

/* K^{-1} column by column with the same solver structure (plain Gauss-Jordan, for the closed form) */
static void invert(double K[N][N], double Ki[N][N])
{
    double A[N][2 * N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < 2 * N; j++) A[i][j] = j < N ? K[i][j] : (j - N == i);
    for (int c = 0; c < N; c++) {
        double piv = A[c][c];
        for (int j = 0; j < 2 * N; j++) A[c][j] /= piv;
        for (int r = 0; r < N; r++)
            if (r != c) {
                double f = A[r][c];
                for (int j = 0; j < 2 * N; j++) A[r][j] -= f * A[c][j];
            }
    }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) Ki[i][j] = A[i][N + j];
}

int main(void)
{
    rev_seed(1602);
    double p[N * N + N + 1], grad[N * N + N + 1] = {0}, v[N * N + N + 1];
    rev_rand_fill(p, N * N + N);
    p[N * N + N] = 0.7;
    rev_rand_fill(v, N * N + N + 1);
    double dsigma = __enzyme_autodiff((void *)nll, p, grad, p + N * N, grad + N * N, p[N * N + N]);
    grad[N * N + N] = dsigma;
    rev_check_grad("d(M,y,sigma)", wflat, 0, p, grad, N * N + N + 1, REV_H, REV_TOL);

    double K[N][N], Ki[N][N], alpha[N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            K[i][j] = i == j ? p[N * N + N] * p[N * N + N] : 0.0;
            for (int k = 0; k < N; k++) K[i][j] += p[i * N + k] * p[j * N + k];
        }
    invert(K, Ki);
    double tr = 0.0, aa = 0.0;
    for (int i = 0; i < N; i++) {
        alpha[i] = 0.0;
        for (int j = 0; j < N; j++) alpha[i] += Ki[i][j] * p[N * N + j];
        tr += Ki[i][i];
    }
    for (int i = 0; i < N; i++) {
        check_close("dy = alpha", grad[N * N + i], alpha[i], 1e-9);
        aa += alpha[i] * alpha[i];
    }
    check_close("dsigma closed", dsigma, p[N * N + N] * (tr - aa), 1e-9);

    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)nll, p, v, p + N * N, v + N * N, p[N * N + N], v[N * N + N]);
    rev_check_dot("cholesky nll", w * jv, w * rev_dot(v, grad, N * N + N + 1));
    return corpus_exit();
}
