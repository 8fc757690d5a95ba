// mpi-ranks: 2 3 4
/*
 * A 1-D heat equation split across ranks: each rank owns n cells, exchanges one halo cell with each
 * neighbour per step with MPI_Sendrecv (MPI_PROC_NULL at the ends, where the halo stays 0: Dirichlet),
 * and the result is an energy summed with MPI_Allreduce. Gradient w.r.t. the initial condition (reverse),
 * tangent (forward), finite differences and the dot-product test.
 */
#include "enzyme_mpi_test.h"
#include <string.h>

#define CELLS 5

__attribute__((noinline)) static void exchange_halos(double *w, int n, int left, int right)
{
    // Right-going: my last cell to the right neighbour's left halo; left-going: first cell to the left.
    MPI_Sendrecv(&w[n], 1, MPI_DOUBLE, right, 7, &w[0], 1, MPI_DOUBLE, left, 7, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    MPI_Sendrecv(&w[1], 1, MPI_DOUBLE, left, 8, &w[n + 1], 1, MPI_DOUBLE, right, 8, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

double heat_energy(double *u, int n, int steps)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int left = rank > 0 ? rank - 1 : MPI_PROC_NULL;
    int right = rank < size - 1 ? rank + 1 : MPI_PROC_NULL;
    double *w = malloc((n + 2) * sizeof(double));
    double *next = malloc((n + 2) * sizeof(double));
    memcpy(&w[1], u, n * sizeof(double));
    const double r = 0.2;
    for (int s = 0; s < steps; s++) {
        w[0] = 0.0;
        w[n + 1] = 0.0;
        exchange_halos(w, n, left, right);
        for (int i = 1; i <= n; i++) {
            next[i] = w[i] + r * (w[i - 1] - 2 * w[i] + w[i + 1]) + 0.05 * sin(w[i]);
        }
        for (int i = 1; i <= n; i++) {
            w[i] = next[i];
        }
    }
    double local = 0;
    for (int i = 1; i <= n; i++) {
        local += w[i] * w[i] * (1.0 + 0.1 * i);
    }
    free(w);
    free(next);
    double energy;
    MPI_Allreduce(&local, &energy, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return energy;
}

static double objective(double *u, void *context)
{
    return mpi_sum(heat_energy(u, CELLS, *(int *)context));
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    int steps = 4;
    double u[CELLS], du[CELLS] = {0}, v[CELLS];
    for (int i = 0; i < CELLS; i++) {
        u[i] = mpi_rand();
        v[i] = mpi_rand();
    }
    __enzyme_autodiff_v((void *)heat_energy, enzyme_dup, u, du, enzyme_const, CELLS, enzyme_const, steps);
    double tangent = __enzyme_fwddiff((void *)heat_energy, enzyme_dup, u, v, enzyme_const, CELLS, enzyme_const, steps);
    mpi_check_gradient("d energy / d u", objective, &steps, u, du, CELLS, 1e-6, 1e-6);
    mpi_check_dot("dot product", du, v, CELLS, mpi_sum(tangent), 1e-10);
    return mpi_finish("heat_sendrecv");
}
