/* module_procedures: gradient of a bind(c) routine of one Fortran module that calls the module
 * procedures of another module compiled from another file, with respect to the point coordinates and the
 * spring stiffnesses. */
#include "enzyme_reverse_test.h"

#define N 6
#define TOTAL (2 * N + N - 1)

void network_energy(int n, const double *points, const double *stiffness, double *e);

/* points (2 x N, column-major) followed by the N-1 stiffnesses. */
static double energy_of(double *input, void *unused)
{
    (void)unused;
    double e;
    network_energy(N, input, input + 2 * N, &e);
    return e;
}

int main(void)
{
    rev_seed(7);
    double input[TOTAL], grad[TOTAL] = {0}, v[TOTAL], e, de = 1.0;
    for (int i = 0; i < N; i++) {
        input[2 * i] = 1.3 * i + 0.2 * rev_rand();
        input[2 * i + 1] = 0.4 * rev_rand();
    }
    for (int i = 0; i < N - 1; i++) input[2 * N + i] = 1.0 + 0.5 * rev_rand();
    rev_rand_fill(v, TOTAL);

    __enzyme_autodiff_v((void *)network_energy, N, input, grad, input + 2 * N, grad + 2 * N, &e, &de);
    rev_check_grad("d(points,k)", energy_of, NULL, input, grad, TOTAL, REV_H, REV_TOL);

    double tangent = 0.0;
    __enzyme_fwddiff_v((void *)network_energy, N, input, v, input + 2 * N, v + 2 * N, &e, &tangent);
    rev_check_dot("network_energy", tangent, rev_dot(v, grad, TOTAL));
    return corpus_exit();
}
