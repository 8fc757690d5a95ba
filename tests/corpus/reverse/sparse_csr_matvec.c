/* A sparse matrix in CSR form built inside the differentiated function from active data: a dense candidate
 * matrix is thresholded (|a_ij| > tau keeps the entry), the row pointers, column indices and values go into
 * heap arrays held by a struct, the values are a nonlinear function of the kept entries, and the row
 * pointers are integer data the reverse sweep has to replay. Then y = A x (gather through the column
 * indices), z = A^T tanh(y) (scatter through them), and the objective 0.5 |y|^2 + x . z + a quadratic form
 * x^T A x read through the same structure. Gradient w.r.t. the candidate matrix (zero exactly where an
 * entry was dropped) and the vector against central differences, against the closed form for the dropped
 * entries, and the dot-product test against forward mode. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

#define N 6
#define TAU 0.35

typedef struct {
    int rows, nnz;
    int *row_ptr, *col;
    double *val;
} Csr;

static Csr build_csr(const double *a, int n, double tau)
{
    Csr m;
    m.rows = n;
    m.row_ptr = malloc(sizeof(int) * (size_t)(n + 1));
    m.col = malloc(sizeof(int) * (size_t)(n * n));
    m.val = malloc(sizeof(double) * (size_t)(n * n));
    int k = 0;
    m.row_ptr[0] = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            double aij = a[i * n + j];
            if (fabs(aij) > tau) {
                m.col[k] = j;
                m.val[k] = aij + 0.2 * aij * aij * aij; /* a nonlinear value map */
                k++;
            }
        }
        m.row_ptr[i + 1] = k;
    }
    m.nnz = k;
    return m;
}

static void csr_free(Csr *m)
{
    free(m->row_ptr);
    free(m->col);
    free(m->val);
}

static double sparse_objective(const double *a, const double *x, int n)
{
    Csr m = build_csr(a, n, TAU);
    double *y = malloc(sizeof(double) * (size_t)n), *z = calloc((size_t)n, sizeof(double));
    for (int i = 0; i < m.rows; i++) {
        double s = 0.0;
        for (int k = m.row_ptr[i]; k < m.row_ptr[i + 1]; k++) s += m.val[k] * x[m.col[k]];
        y[i] = s;
    }
    for (int i = 0; i < m.rows; i++) {
        double t = tanh(y[i]);
        for (int k = m.row_ptr[i]; k < m.row_ptr[i + 1]; k++) z[m.col[k]] += m.val[k] * t;
    }
    double q = 0.0;
    for (int i = 0; i < n; i++) q += 0.5 * y[i] * y[i] + x[i] * z[i];
    for (int i = 0; i < m.rows; i++)
        for (int k = m.row_ptr[i]; k < m.row_ptr[i + 1]; k++) q += x[i] * m.val[k] * x[m.col[k]];
    free(y);
    free(z);
    csr_free(&m);
    return q;
}

static double at_a(double *a, void *x) { return sparse_objective(a, (const double *)x, N); }
static double at_x(double *x, void *a) { return sparse_objective((const double *)a, x, N); }

int main(void)
{
    rev_seed(1234);
    double a[N * N], x[N], da[N * N] = {0}, dx[N] = {0}, va[N * N], vx[N];
    rev_rand_fill(a, N * N);
    /* Keep every entry well away from the threshold so finite differences see a fixed pattern. */
    for (int i = 0; i < N * N; i++)
        if (fabs(fabs(a[i]) - TAU) < 0.02) a[i] = a[i] > 0 ? TAU + 0.1 : -TAU - 0.1;
    rev_rand_fill(x, N);
    rev_rand_fill(va, N * N);
    rev_rand_fill(vx, N);

    __enzyme_autodiff_v((void *)sparse_objective, enzyme_dup, a, da, enzyme_dup, x, dx, enzyme_const, N);
    rev_check_grad("d/da", at_a, x, a, da, N * N, REV_H, REV_TOL);
    rev_check_grad("d/dx", at_x, a, x, dx, N, REV_H, REV_TOL);
    int dropped = 0, kept = 0;
    for (int i = 0; i < N * N; i++) {
        if (fabs(a[i]) <= TAU) {
            dropped++;
            check_close("dropped entry has zero adjoint", da[i], 0.0, 0.0);
        } else {
            kept++;
        }
    }
    check_true("pattern has dropped and kept entries", dropped > 3 && kept > N);

    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)sparse_objective, enzyme_dup, a, va, enzyme_dup, x, vx, enzyme_const, N);
    rev_check_dot("sparse_objective", w * jv, w * (rev_dot(va, da, N * N) + rev_dot(vx, dx, N)));
    return corpus_exit();
}
