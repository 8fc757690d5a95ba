/* matmul: gradient of a loss built from Fortran matmul products with respect to A, B and x, the product
 * C = A B (an intent(out) array, also checked against C) and the dot-product test. */
#include "enzyme_reverse_test.h"

#define N 4
#define NN (N * N)
#define TOTAL (2 * NN + N)

void products_of(int n, const double *a, const double *b, const double *x, double *c, double *f);

/* The inputs A, B (column-major) and x, one after the other. */
static double loss_of(double *abx, void *unused)
{
    (void)unused;
    double c[NN], f;
    products_of(N, abx, abx + NN, abx + 2 * NN, c, &f);
    return f;
}

int main(void)
{
    rev_seed(17);
    double abx[TOTAL], grad[TOTAL] = {0}, v[TOTAL], c[NN], dc[NN] = {0}, f, df = 1.0;
    rev_rand_fill(abx, TOTAL);
    rev_rand_fill(v, TOTAL);

    products_of(N, abx, abx + NN, abx + 2 * NN, c, &f);
    for (int j = 0; j < N; j++) {
        for (int i = 0; i < N; i++) {
            double expected = 0;
            for (int k = 0; k < N; k++) expected += abx[k * N + i] * abx[NN + j * N + k];
            char what[32];
            snprintf(what, sizeof what, "C(%d,%d)", i + 1, j + 1);
            check_close(what, c[j * N + i], expected, 1e-14);
        }
    }

    __enzyme_autodiff_v((void *)products_of, N, abx, grad, abx + NN, grad + NN, abx + 2 * NN, grad + 2 * NN, c, dc, &f, &df);
    rev_check_grad("d(A,B,x)", loss_of, NULL, abx, grad, TOTAL, REV_H, REV_TOL);

    double tangent = 0.0;
    __enzyme_fwddiff_v((void *)products_of, N, abx, v, abx + NN, v + NN, abx + 2 * NN, v + 2 * NN, c, dc, &f, &tangent);
    rev_check_dot("products_of", tangent, rev_dot(v, grad, TOTAL));
    return corpus_exit();
}
