/* Iterative smoother with per-iteration heap scratch, as in a hand-written Jacobi/relaxation solver:
 * every sweep callocs a residual buffer and a flux buffer (zero-initialised, accumulated into with +=),
 * updates the state from them and frees both before the next sweep; the per-sweep residual norms are
 * appended to a history buffer grown with realloc, and the objective reads the whole history at the end.
 * The primal frees inside the loop must be deferred (or the values cached) for the reverse sweep.
 * Gradient w.r.t. the initial state, the source term and the relaxation factor (enzyme_out);
 * dot-product test. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>
#include <string.h>

static double relax(const double *u0, const double *src, int n, int sweeps, double omega)
{
    double *u = malloc(sizeof(double) * (size_t)n);
    memcpy(u, u0, sizeof(double) * (size_t)n);
    double *history = NULL;
    int len = 0;
    for (int s = 0; s < sweeps; s++) {
        double *res = calloc((size_t)n, sizeof(double));
        double *flux = calloc((size_t)n + 1, sizeof(double));
        for (int i = 1; i < n; i++) flux[i] = (u[i] - u[i - 1]) * (1.0 + 0.1 * u[i] * u[i - 1]);
        for (int i = 0; i < n; i++) {
            res[i] += flux[i + 1] - flux[i];
            res[i] += src[i] - 0.2 * u[i];
        }
        double norm = 0.0;
        for (int i = 0; i < n; i++) {
            u[i] += omega * 0.25 * res[i];
            norm += res[i] * res[i];
        }
        free(flux);
        free(res);
        history = realloc(history, sizeof(double) * (size_t)(len + 1));
        history[len++] = sqrt(norm + 1e-12);
    }
    double obj = 0.0;
    for (int i = 0; i < n; i++) obj += u[i] * u[i] * (1.0 + 0.1 * i);
    for (int k = 0; k < len; k++) obj += 0.05 * (k + 1) * history[k];
    free(history);
    free(u);
    return obj;
}

#define N 10
#define SWEEPS 7
static double wflat(double *p, void *om)
{
    return relax(p, p + N, N, SWEEPS, *(double *)om);
}

int main(void)
{
    rev_seed(1610);
    double p[2 * N], grad[2 * N] = {0}, v[2 * N], omega = 1.1;
    rev_rand_fill(p, 2 * N);
    rev_rand_fill(v, 2 * N);
    double domega = __enzyme_autodiff((void *)relax, p, grad, p + N, grad + N, N, SWEEPS, omega);
    rev_check_grad("d(u0,src)", wflat, &omega, p, grad, 2 * N, REV_H, REV_TOL);
    check_close("domega", domega, (wflat(p, &(double){omega + REV_H}) - wflat(p, &(double){omega - REV_H})) / (2 * REV_H), REV_TOL);

    double vo = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)relax, p, v, p + N, v + N, N, SWEEPS, omega, vo);
    rev_check_dot("relax", w * jv, w * (rev_dot(v, grad, 2 * N) + vo * domega));
    return corpus_exit();
}
