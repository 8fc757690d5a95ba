/* explicit_shape_loops: gradient of a Fortran subroutine with an intent(out) result, with respect to the
 * array x (dup) and the scalar k (reverse mode seeds the result's shadow; k is read through a pointer). */
#include "enzyme_reverse_test.h"

#define N 9

void chain_energy(int n, const double *x, double k, double *f);

static double energy_of(double *x, void *k)
{
    double f;
    chain_energy(N, x, *(double *)k, &f);
    return f;
}

int main(void)
{
    rev_seed(11);
    double x[N], dx[N] = {0}, v[N], f = 0.0, df = 1.0, k = 1.7;
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff_v((void *)chain_energy, N, x, dx, enzyme_const, k, &f, &df);
    rev_check_grad("dx", energy_of, &k, x, dx, N, REV_H, REV_TOL);
    check_close("seed consumed", df, 0.0, 0.0);

    double tangent = 0.0;
    __enzyme_fwddiff_v((void *)chain_energy, N, x, v, enzyme_const, k, &f, &tangent);
    rev_check_dot("chain_energy", tangent, rev_dot(v, dx, N));
    return corpus_exit();
}
