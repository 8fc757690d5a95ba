/* vector_output: reverse mode seeded with w on the intent(out) vector gives J^T w and the adjoint of the
 * scalar alpha (enzyme_out); both are checked against central differences of <w, y(x, alpha)>, and
 * forward mode J v against reverse mode with the dot-product test. */
#include "enzyme_reverse_test.h"

#define N 6

void residual(int n, const double *x, double alpha, double *y);

typedef struct { const double *w; double alpha; } Weights;

static double weighted_of(double *x, void *context)
{
    const Weights *c = context;
    double y[N];
    residual(N, x, c->alpha, y);
    return rev_dot(c->w, y, N);
}

int main(void)
{
    rev_seed(29);
    double x[N], dx[N] = {0}, v[N], w[N], y[N], dy[N], alpha = 0.6;
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    rev_rand_fill(w, N);
    for (int i = 0; i < N; i++) dy[i] = w[i];

    double dalpha = __enzyme_autodiff((void *)residual, enzyme_const, N, x, dx, alpha, y, dy);
    Weights context = {w, alpha};
    rev_check_grad("J^T w", weighted_of, &context, x, dx, N, REV_H, REV_TOL);
    double yp[N], ym[N];
    residual(N, x, alpha + REV_H, yp);
    residual(N, x, alpha - REV_H, ym);
    check_close("d alpha", dalpha, (rev_dot(w, yp, N) - rev_dot(w, ym, N)) / (2 * REV_H), REV_TOL);
    for (int i = 0; i < N; i++) check_close("seed consumed", dy[i], 0.0, 0.0);

    double jv[N] = {0}, valpha = 0.4;
    __enzyme_fwddiff_v((void *)residual, enzyme_const, N, x, v, alpha, valpha, y, jv);
    rev_check_dot("residual", rev_dot(jv, w, N), rev_dot(v, dx, N) + valpha * dalpha);
    return corpus_exit();
}
