/* springs: the Rust chain energy's gradient (requested from C, and by the Rust crate itself) against central
 * differences, and forward mode against reverse mode with the dot-product test. */
#include "enzyme_reverse_test.h"
#include <stddef.h>

#define POINTS 7
#define N (2 * POINTS)

double chain_energy(const double *x, size_t n, double k, double rest);
void chain_energy_gradient(const double *x, double *dx, size_t n, double k, double rest);
double chain_energy_tangent(const double *x, const double *v, size_t n, double k, double rest);

static double energy_of(double *x, void *unused)
{
    (void)unused;
    return chain_energy(x, POINTS, 3.5, 0.4);
}

int main(void)
{
    rev_seed(11);
    double x[N], grad[N] = {0}, own[N] = {0}, v[N];
    for (int i = 0; i < N; i++) x[i] = 0.45 * (i / 2) + 0.3 * rev_rand();
    rev_rand_fill(v, N);

    __enzyme_autodiff_v((void *)chain_energy, enzyme_dup, x, grad, enzyme_const, (size_t)POINTS, enzyme_const, 3.5, enzyme_const, 0.4);
    rev_check_grad("d chain_energy", energy_of, NULL, x, grad, N, REV_H, REV_TOL);

    chain_energy_gradient(x, own, POINTS, 3.5, 0.4);
    for (int i = 0; i < N; i++) check_close("Rust __enzyme_autodiff", own[i], grad[i], 1e-14);

    double jv = __enzyme_fwddiff((void *)chain_energy, enzyme_dup, x, v, enzyme_const, (size_t)POINTS, enzyme_const, 3.5, enzyme_const, 0.4);
    rev_check_dot("chain_energy", jv, rev_dot(v, grad, N));
    check_close("Rust __enzyme_fwddiff", chain_energy_tangent(x, v, POINTS, 3.5, 0.4), jv, 1e-14);
    return corpus_exit();
}
