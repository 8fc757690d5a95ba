// mpi-ranks: 2 3 4
/*
 * fortran_halo: the gradient of heat.f90's energy (Fortran, Open MPI's mpif.h bindings: MPI_SENDRECV halo
 * exchange, MPI_BCAST, MPI_SEND/MPI_RECV, MPI_ALLREDUCE with MPI_SUM and MPI_MAX) with respect to each
 * rank's cells and rank 0's diffusivity, against central finite differences computed collectively, and the
 * dot-product test between forward and reverse mode.
 */
#include "enzyme_mpi_test.h"

#define CELLS 4

double heat_energy(const double *u, const double *kappa, int n, int steps);

static int steps = 3;

/* The cells, then the diffusivity (used on rank 0 only: the others get rank 0's by MPI_BCAST). */
static double objective(double *x, void *context)
{
    (void)context;
    return mpi_sum(heat_energy(x, x + CELLS, CELLS, steps));
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    double x[CELLS + 1], dx[CELLS + 1] = {0}, v[CELLS + 1];
    for (int i = 0; i < CELLS; i++) {
        x[i] = mpi_rand();
        v[i] = mpi_rand();
    }
    x[CELLS] = 0.8 + 0.1 * mpi_rand();
    v[CELLS] = mpi_rand();
    __enzyme_autodiff_v((void *)heat_energy, enzyme_dup, x, dx, enzyme_dup, x + CELLS, dx + CELLS, enzyme_const, CELLS,
                        enzyme_const, steps);
    double tangent = __enzyme_fwddiff((void *)heat_energy, enzyme_dup, x, v, enzyme_dup, x + CELLS, v + CELLS,
                                      enzyme_const, CELLS, enzyme_const, steps);
    double energy = heat_energy(x, x + CELLS, CELLS, steps);
    mpi_check_close("energy (the ring's status is filled)", 0, energy > -1e300, 1, 0);
    mpi_check_gradient("d energy / d (u, kappa)", objective, NULL, x, dx, CELLS + 1, 1e-6, 1e-6);
    mpi_check_dot("dot product", dx, v, CELLS + 1, mpi_sum(tangent), 1e-10);
    return mpi_finish("fortran_halo");
}
