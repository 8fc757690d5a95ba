// mpi-ranks: 2 3 4
/*
 * The heat equation of heat_sendrecv.c with the halo exchange written with MPI_Irecv/MPI_Isend and
 * MPI_Waitall (four requests per step, in one array reused every step), a vector output (the final
 * field) and the energy (MPI_Allreduce). Reverse seeds the energy with 1 and the field with w; the
 * checks are finite differences of sum_ranks (E + <w, field>) and the dot-product test between modes.
 */
#include "enzyme_mpi_test.h"
#include <string.h>

#define CELLS 4

double heat_nonblocking(double *u, double *field, int n, int steps)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int left = rank > 0 ? rank - 1 : MPI_PROC_NULL;
    int right = rank < size - 1 ? rank + 1 : MPI_PROC_NULL;
    double *w = calloc(n + 2, sizeof(double));
    double *next = calloc(n + 2, sizeof(double));
    memcpy(&w[1], u, n * sizeof(double));
    MPI_Request requests[4];
    for (int s = 0; s < steps; s++) {
        w[0] = 1.0;
        w[n + 1] = -0.5;
        MPI_Irecv(&w[0], 1, MPI_DOUBLE, left, 11, MPI_COMM_WORLD, &requests[0]);
        MPI_Irecv(&w[n + 1], 1, MPI_DOUBLE, right, 12, MPI_COMM_WORLD, &requests[1]);
        MPI_Isend(&w[1], 1, MPI_DOUBLE, left, 12, MPI_COMM_WORLD, &requests[2]);
        MPI_Isend(&w[n], 1, MPI_DOUBLE, right, 11, MPI_COMM_WORLD, &requests[3]);
        MPI_Waitall(4, requests, MPI_STATUSES_IGNORE);
        for (int i = 1; i <= n; i++) {
            next[i] = w[i] + 0.25 * (w[i - 1] - 2 * w[i] + w[i + 1]) - 0.1 * w[i] * w[i] * w[i];
        }
        for (int i = 1; i <= n; i++) {
            w[i] = next[i];
        }
    }
    double local = 0;
    for (int i = 0; i < n; i++) {
        field[i] = w[i + 1];
        local += exp(0.3 * w[i + 1]);
    }
    free(w);
    free(next);
    double energy;
    MPI_Allreduce(&local, &energy, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return energy;
}

static double weights[CELLS];

static double objective(double *u, void *context)
{
    double field[CELLS];
    double energy = heat_nonblocking(u, field, CELLS, *(int *)context);
    return mpi_sum(energy) + mpi_dot(weights, field, CELLS);
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    int steps = 3;
    double u[CELLS], du[CELLS] = {0}, v[CELLS], field[CELLS], dfield[CELLS], tfield[CELLS] = {0};
    for (int i = 0; i < CELLS; i++) {
        u[i] = 0.5 * mpi_rand();
        v[i] = mpi_rand();
        weights[i] = mpi_rand();
        dfield[i] = weights[i];
    }
    __enzyme_autodiff_v((void *)heat_nonblocking, enzyme_dup, u, du, enzyme_dup, field, dfield, enzyme_const, CELLS, enzyme_const, steps);
    for (int i = 0; i < CELLS; i++) {
        mpi_check_close("field adjoint consumed", i, dfield[i], 0.0, 0.0);
    }
    double tangent = __enzyme_fwddiff((void *)heat_nonblocking, enzyme_dup, u, v, enzyme_dup, field, tfield, enzyme_const, CELLS, enzyme_const, steps);
    mpi_check_gradient("d (E + <w, field>) / d u", objective, &steps, u, du, CELLS, 1e-6, 1e-6);
    mpi_check_dot("dot product", du, v, CELLS, mpi_sum(tangent) + mpi_dot(weights, tfield, CELLS), 1e-10);
    return mpi_finish("heat_nonblocking");
}
