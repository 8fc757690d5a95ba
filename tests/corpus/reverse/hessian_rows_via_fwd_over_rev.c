/* The full Hessian of a 4-variable function with coupled terms (products of all four variables, sin of a
 * product, exp of a product, mixed powers), assembled one row per unit vector in two ways:
 *  - forward over reverse: __enzyme_fwddiff of a gradient wrapper (which calls __enzyme_autodiff) seeded
 *    with e_j gives column j;
 *  - reverse over forward: __enzyme_autodiff of a wrapper returning the directional derivative
 *    (__enzyme_fwddiff of f along a constant direction e_j) gives H e_j, and its adjoint w.r.t. the direction
 *    is the gradient again.
 * Both are compared with the closed-form Hessian, with each other, and each with its own transpose
 * (symmetry); the gradient and every Hessian row are also checked against central differences, and the
 * gradient gets the dot-product test. */
#include "enzyme_reverse_test.h"

#define N 4

static double f(const double *x)
{
    return x[0] * x[0] * x[1] + sin(x[1] * x[2]) + exp(x[0] * x[3]) + x[2] * x[2] * x[2] * x[3] * x[3] + x[0] * x[1] * x[2] * x[3];
}

static void gradient(const double *x, double *g)
{
    for (int i = 0; i < N; i++) g[i] = 0.0;
    __enzyme_autodiff_v((void *)f, enzyme_dup, x, g);
}

static double directional(const double *x, const double *v) { return __enzyme_fwddiff((void *)f, enzyme_dup, x, v); }

static void closed_form(const double *x, double g[N], double H[N][N])
{
    double e = exp(x[0] * x[3]), s = sin(x[1] * x[2]), c = cos(x[1] * x[2]);
    g[0] = 2 * x[0] * x[1] + x[3] * e + x[1] * x[2] * x[3];
    g[1] = x[0] * x[0] + x[2] * c + x[0] * x[2] * x[3];
    g[2] = x[1] * c + 3 * x[2] * x[2] * x[3] * x[3] + x[0] * x[1] * x[3];
    g[3] = x[0] * e + 2 * x[2] * x[2] * x[2] * x[3] + x[0] * x[1] * x[2];
    H[0][0] = 2 * x[1] + x[3] * x[3] * e;
    H[0][1] = 2 * x[0] + x[2] * x[3];
    H[0][2] = x[1] * x[3];
    H[0][3] = e + x[0] * x[3] * e + x[1] * x[2];
    H[1][1] = -x[2] * x[2] * s;
    H[1][2] = c - x[1] * x[2] * s + x[0] * x[3];
    H[1][3] = x[0] * x[2];
    H[2][2] = -x[1] * x[1] * s + 6 * x[2] * x[3] * x[3];
    H[2][3] = 6 * x[2] * x[2] * x[3] + x[0] * x[1];
    H[3][3] = x[0] * x[0] * e + 2 * x[2] * x[2] * x[2];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < i; j++) H[i][j] = H[j][i];
}

static double f_at(double *x, void *c) { (void)c; return f(x); }
static double directional_at(double *x, void *v) { return directional(x, (const double *)v); }

int main(void)
{
    rev_seed(44);
    double x[N] = {0.7, -0.4, 0.9, 0.3}, v[N];
    rev_rand_fill(v, N);
    double g_exact[N], H_exact[N][N];
    closed_form(x, g_exact, H_exact);

    double g[N];
    gradient(x, g);
    rev_check_grad("gradient", f_at, NULL, x, g, N, REV_H, REV_TOL);
    for (int i = 0; i < N; i++) check_close("gradient closed form", g[i], g_exact[i], 1e-13);
    rev_check_dot("f", __enzyme_fwddiff((void *)f, enzyme_dup, x, v), rev_dot(v, g, N));

    double H_fr[N][N], H_rf[N][N];
    char what[64];
    for (int j = 0; j < N; j++) {
        double e[N] = {0}, g_primal[N], col[N], row[N] = {0}, de[N] = {0};
        e[j] = 1.0;
        /* Forward over reverse: d/dt gradient(x + t e_j) = H e_j. */
        __enzyme_fwddiff_v((void *)gradient, enzyme_dup, x, e, enzyme_dup, g_primal, col);
        for (int i = 0; i < N; i++) H_fr[i][j] = col[i];
        for (int i = 0; i < N; i++) check_close("fwd-over-rev primal is the gradient", g_primal[i], g_exact[i], 1e-13);
        /* Reverse over forward: grad_x (grad f . e_j) = H e_j; grad_e = grad f. */
        __enzyme_autodiff_v((void *)directional, enzyme_dup, x, row, enzyme_dup, e, de);
        for (int i = 0; i < N; i++) H_rf[j][i] = row[i];
        snprintf(what, sizeof what, "rev-over-fwd row %d", j);
        rev_check_grad(what, directional_at, e, x, row, N, REV_H, REV_TOL);
        for (int i = 0; i < N; i++) {
            snprintf(what, sizeof what, "rev-over-fwd d/de[%d] (row %d)", i, j);
            check_close(what, de[i], g_exact[i], 1e-13);
        }
    }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            snprintf(what, sizeof what, "fwd-over-rev H[%d][%d]", i, j);
            check_close(what, H_fr[i][j], H_exact[i][j], 1e-12);
            snprintf(what, sizeof what, "rev-over-fwd H[%d][%d]", i, j);
            check_close(what, H_rf[i][j], H_exact[i][j], 1e-12);
            snprintf(what, sizeof what, "fwd-over-rev = rev-over-fwd [%d][%d]", i, j);
            check_close(what, H_fr[i][j], H_rf[i][j], 1e-13);
            if (j > i) {
                snprintf(what, sizeof what, "symmetry fwd-over-rev [%d][%d]", i, j);
                check_close(what, H_fr[i][j], H_fr[j][i], 1e-13);
                snprintf(what, sizeof what, "symmetry rev-over-fwd [%d][%d]", i, j);
                check_close(what, H_rf[i][j], H_rf[j][i], 1e-13);
            }
        }
    return corpus_exit();
}
