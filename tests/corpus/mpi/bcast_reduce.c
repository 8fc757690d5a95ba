// mpi-ranks: 2 3 4
/*
 * Root 0 holds parameters p; MPI_Bcast hands them to every rank, each rank evaluates its own term with
 * its own data, and MPI_Reduce (MPI_SUM) gathers two sums at the root, which returns their product
 * (the other ranks return 0). The objective is the root's value (sum over ranks of the returns).
 * Only the root's p matters: the other ranks' copies are overwritten, so their gradient must be 0.
 */
#include "enzyme_mpi_test.h"

#define PARAMS 3

double broadcast_and_reduce(double *p, int n)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Bcast(p, n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    double local[2] = {0, 0};
    for (int i = 0; i < n; i++) {
        double weight = 1.0 + 0.5 * rank + 0.25 * i;
        local[0] += weight * sin(p[i]);
        local[1] += p[i] * p[i] / weight;
    }
    double total[2] = {0, 0};
    MPI_Reduce(local, total, 2, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
    return rank == 0 ? total[0] * (1.0 + total[1]) : 0.0;
}

static double objective(double *p, void *context)
{
    (void)context;
    // The function overwrites p on non-root ranks: evaluate on a copy, keep the caller's values.
    double copy[PARAMS];
    for (int i = 0; i < PARAMS; i++) copy[i] = p[i];
    return mpi_sum(broadcast_and_reduce(copy, PARAMS));
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    double p[PARAMS], dp[PARAMS] = {0}, v[PARAMS], copy[PARAMS];
    for (int i = 0; i < PARAMS; i++) {
        p[i] = mpi_rand();
        v[i] = mpi_rand();
    }
    for (int i = 0; i < PARAMS; i++) copy[i] = p[i];
    __enzyme_autodiff_v((void *)broadcast_and_reduce, enzyme_dup, copy, dp, enzyme_const, PARAMS);
    for (int i = 0; i < PARAMS; i++) copy[i] = p[i];
    double tangent = mpi_sum(__enzyme_fwddiff((void *)broadcast_and_reduce, enzyme_dup, copy, v, enzyme_const, PARAMS));
    if (mpi_rank != 0) {
        for (int i = 0; i < PARAMS; i++) mpi_check_close("non-root gradient", i, dp[i], 0.0, 0.0);
    }
    mpi_check_gradient("d root value / d p", objective, NULL, p, dp, PARAMS, 1e-6, 1e-6);
    mpi_check_dot("dot product", dp, v, PARAMS, tangent, 1e-10);
    return mpi_finish("bcast_reduce");
}
