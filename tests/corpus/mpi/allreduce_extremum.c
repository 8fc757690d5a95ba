// mpi-ranks: 2 3 4
/*
 * MPI_Allreduce with MPI_MAX and MPI_MIN: the derivative of each element is that of the rank holding
 * the extremum. The function returns this rank's part of the objective (the gradient is that of the sum
 * over ranks); checked against finite differences and between modes. Random data: no ties.
 */
#include "enzyme_mpi_test.h"

#define LENGTH 4

double extremes(double *x, int n)
{
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    double squares[LENGTH], largest[LENGTH], smallest[LENGTH];
    for (int i = 0; i < n; i++) squares[i] = x[i] * x[i] + x[i];
    MPI_Allreduce(squares, largest, n, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    MPI_Allreduce(x, smallest, n, MPI_DOUBLE, MPI_MIN, MPI_COMM_WORLD);
    double local = 0;
    for (int i = 0; i < n; i++) local += (1.0 + 0.5 * rank) * largest[i] * sin(smallest[i]) + x[i] * smallest[i];
    return local;
}

static double objective(double *x, void *context)
{
    (void)context;
    return mpi_sum(extremes(x, LENGTH));
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    double x[LENGTH], dx[LENGTH] = {0}, v[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
        x[i] = mpi_rand();
        v[i] = mpi_rand();
    }
    __enzyme_autodiff_v((void *)extremes, enzyme_dup, x, dx, enzyme_const, LENGTH);
    double tangent = __enzyme_fwddiff((void *)extremes, enzyme_dup, x, v, enzyme_const, LENGTH);
    mpi_check_gradient("d extremes / d x", objective, NULL, x, dx, LENGTH, 1e-7, 1e-6);
    mpi_check_dot("dot product", dx, v, LENGTH, mpi_sum(tangent), 1e-10);
    return mpi_finish("allreduce_extremum");
}
