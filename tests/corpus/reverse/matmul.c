/* Matrix-matrix product C = A B (vector-valued: R^{mk + kn} -> R^{mn}), output shadow seeded with W;
 * closed forms dA = W B^T, dB = A^T W, and the dot-product test. */
#include "enzyme_reverse_test.h"

#define M 3
#define KK 4
#define NN 5

static void matmul(const double *A, const double *B, double *Cm, int m, int k, int n)
{
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double s = 0.0;
            for (int l = 0; l < k; l++) s += A[i * k + l] * B[l * n + j];
            Cm[i * n + j] = s;
        }
}

int main(void)
{
    rev_seed(66);
    double A[M * KK], B[KK * NN], Cm[M * NN], dA[M * KK] = {0}, dB[KK * NN] = {0}, dC[M * NN], W[M * NN];
    double vA[M * KK], vB[KK * NN], tC[M * NN];
    rev_rand_fill(A, M * KK);
    rev_rand_fill(B, KK * NN);
    rev_rand_fill(W, M * NN);
    rev_rand_fill(vA, M * KK);
    rev_rand_fill(vB, KK * NN);
    for (int i = 0; i < M * NN; i++) dC[i] = W[i];
    __enzyme_autodiff_v((void *)matmul, A, dA, B, dB, Cm, dC, M, KK, NN);
    for (int i = 0; i < M; i++)
        for (int l = 0; l < KK; l++) {
            double s = 0.0;
            for (int j = 0; j < NN; j++) s += W[i * NN + j] * B[l * NN + j];
            check_close("dA = W B^T", dA[i * KK + l], s, 1e-14);
        }
    for (int l = 0; l < KK; l++)
        for (int j = 0; j < NN; j++) {
            double s = 0.0;
            for (int i = 0; i < M; i++) s += A[i * KK + l] * W[i * NN + j];
            check_close("dB = A^T W", dB[l * NN + j], s, 1e-14);
        }
    int zero = 1;
    for (int i = 0; i < M * NN; i++) zero &= dC[i] == 0.0;
    check_true("output shadow zeroed", zero);
    __enzyme_fwddiff_v((void *)matmul, A, vA, B, vB, Cm, tC, M, KK, NN);
    rev_check_dot("matmul", rev_dot(tC, W, M * NN), rev_dot(vA, dA, M * KK) + rev_dot(vB, dB, KK * NN));
    return corpus_exit();
}
