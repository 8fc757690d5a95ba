/*
 * DistributedHeat's model: a 1-D heat equation on `cells` cells split across the MPI ranks, explicit time
 * stepping with a conductivity per cell, a halo exchange per step (MPI_Sendrecv, MPI_PROC_NULL at the ends:
 * fixed zero temperature there), and this rank's part of the misfit J = 1/2 sum (u_T - target)^2.
 *
 * heat_local_misfit is what gets differentiated (an EnzymeGradient item in DistributedHeat.csproj; the C
 * driver heat.c calls __enzyme_autodiff itself): every rank calls its gradient, and reverse mode seeds every
 * rank's result with 1, so the gradient is that of the sum over ranks of the local parts, which is J
 * (docs/mpi.md). The other functions are the MPI set-up the C# program needs, exported from here so it
 * needs no MPI binding of its own.
 */
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

/* Explicit step factor dt / dx^2: stable while 2 * HEAT_STEP_FACTOR * max(kappa) < 1. */
#define HEAT_STEP_FACTOR 0.3

/* This rank's part of J: u_0 and kappa on this rank's `count` cells, `left`/`right` the neighbours. */
double heat_local_misfit(const double *u0, const double *kappa, const double *target, int count, int left, int right, int steps)
{
    double *u = malloc((count + 2) * sizeof(double));
    double *next = malloc((count + 2) * sizeof(double));
    memcpy(&u[1], u0, count * sizeof(double));
    for (int s = 0; s < steps; s++) {
        u[0] = 0.0;
        u[count + 1] = 0.0;
        MPI_Sendrecv(&u[count], 1, MPI_DOUBLE, right, 0, &u[0], 1, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[1], 1, MPI_DOUBLE, left, 1, &u[count + 1], 1, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 1; i <= count; i++) {
            next[i] = u[i] + HEAT_STEP_FACTOR * kappa[i - 1] * (u[i - 1] - 2 * u[i] + u[i + 1]);
        }
        memcpy(&u[1], &next[1], count * sizeof(double));
    }
    double local = 0;
    for (int i = 0; i < count; i++) {
        double d = u[i + 1] - target[i];
        local += 0.5 * d * d;
    }
    free(u);
    free(next);
    return local;
}

/* u_T from u_0 (the same model, without the misfit): makes the targets. */
void heat_final_state(const double *u0, const double *kappa, double *final_state, int count, int left, int right, int steps)
{
    double *u = calloc(count + 2, sizeof(double)), *next = calloc(count + 2, sizeof(double));
    memcpy(&u[1], u0, count * sizeof(double));
    for (int s = 0; s < steps; s++) {
        u[0] = u[count + 1] = 0.0;
        MPI_Sendrecv(&u[count], 1, MPI_DOUBLE, right, 0, &u[0], 1, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[1], 1, MPI_DOUBLE, left, 1, &u[count + 1], 1, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 1; i <= count; i++) next[i] = u[i] + HEAT_STEP_FACTOR * kappa[i - 1] * (u[i - 1] - 2 * u[i] + u[i + 1]);
        memcpy(&u[1], &next[1], count * sizeof(double));
    }
    memcpy(final_state, &u[1], count * sizeof(double));
    free(u);
    free(next);
}

/* MPI_Init (once: a second call does nothing); returns 0 on success. */
int heat_mpi_start(void)
{
    int started = 0;
    MPI_Initialized(&started);
    return started ? 0 : MPI_Init(NULL, NULL);
}

/* MPI_Finalize. */
int heat_mpi_stop(void) { return MPI_Finalize(); }

int heat_mpi_rank(void)
{
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int heat_mpi_size(void)
{
    int size = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

/* The neighbour rank `offset` away (-1 left, +1 right), MPI_PROC_NULL past the ends. */
int heat_mpi_neighbour(int offset)
{
    int rank = heat_mpi_rank(), other = rank + offset;
    return other >= 0 && other < heat_mpi_size() ? other : MPI_PROC_NULL;
}

/* The sum over ranks of `value` (every rank gets it). */
double heat_mpi_sum(double value)
{
    double total = 0;
    MPI_Allreduce(&value, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return total;
}

void heat_mpi_barrier(void) { MPI_Barrier(MPI_COMM_WORLD); }
