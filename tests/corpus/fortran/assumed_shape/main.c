/* assumed_shape: gradient with respect to both arrays of a bind(c) subroutine whose work happens in
 * assumed-shape module procedures called with whole arrays, reversed and strided sections. w is updated
 * in place, so its shadow receives the adjoint of its input value. */
#include "enzyme_reverse_test.h"
#include <string.h>

#define N 8

void section_energy(int n, const double *x, double *w, double *f);

/* f as a function of the 2N inputs (x then w), from fresh copies: the routine overwrites w. */
static double energy_of(double *xw, void *unused)
{
    (void)unused;
    double x[N], w[N], f;
    memcpy(x, xw, sizeof x);
    memcpy(w, xw + N, sizeof w);
    section_energy(N, x, w, &f);
    return f;
}

int main(void)
{
    rev_seed(5);
    double xw[2 * N], grad[2 * N] = {0}, v[2 * N];
    rev_rand_fill(xw, 2 * N);
    rev_rand_fill(v, 2 * N);

    double x[N], w[N], f, df = 1.0;
    memcpy(x, xw, sizeof x);
    memcpy(w, xw + N, sizeof w);
    __enzyme_autodiff_v((void *)section_energy, N, x, grad, w, grad + N, &f, &df);
    rev_check_grad("d(x,w)", energy_of, NULL, xw, grad, 2 * N, REV_H, REV_TOL);

    double tangent = 0.0, dw[N];
    memcpy(x, xw, sizeof x);
    memcpy(w, xw + N, sizeof w);
    memcpy(dw, v + N, sizeof dw);
    __enzyme_fwddiff_v((void *)section_energy, N, x, v, w, dw, &f, &tangent);
    rev_check_dot("section_energy", tangent, rev_dot(v, grad, 2 * N));
    return corpus_exit();
}
