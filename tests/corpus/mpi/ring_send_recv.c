// mpi-ranks: 2 3 4
/*
 * A ring with blocking MPI_Send/MPI_Recv: every rank passes its vector to the right and receives its
 * left neighbour's (rank 0 sends first, the others receive first), twice around with a nonlinear update
 * in between; the objective is an MPI_Allreduce of the local values. Also an MPI_INT message in the
 * middle, which carries no derivative.
 */
#include "enzyme_mpi_test.h"

#define LENGTH 3

static void pass_right(double *out, double *in, int n, int rank, int size)
{
    int right = (rank + 1) % size, left = (rank + size - 1) % size;
    if (rank == 0) {
        MPI_Send(out, n, MPI_DOUBLE, right, 3, MPI_COMM_WORLD);
        MPI_Recv(in, n, MPI_DOUBLE, left, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    } else {
        MPI_Recv(in, n, MPI_DOUBLE, left, 3, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Send(out, n, MPI_DOUBLE, right, 3, MPI_COMM_WORLD);
    }
}

double ring(double *x, int n)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    double a[LENGTH], b[LENGTH];
    for (int i = 0; i < n; i++) a[i] = x[i];
    pass_right(a, b, n, rank, size);
    int token = rank * 10, received = -1;
    MPI_Sendrecv(&token, 1, MPI_INT, (rank + 1) % size, 4, &received, 1, MPI_INT, (rank + size - 1) % size, 4, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    for (int i = 0; i < n; i++) a[i] = b[i] * x[i] + cos(b[i]) + 0.001 * received;
    pass_right(a, b, n, rank, size);
    double local = 0;
    for (int i = 0; i < n; i++) local += b[i] * b[i] * (i + 1) + x[i] * b[i];
    double total;
    MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return total;
}

static double objective(double *x, void *context)
{
    (void)context;
    return mpi_sum(ring(x, LENGTH));
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    double x[LENGTH], dx[LENGTH] = {0}, v[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
        x[i] = mpi_rand();
        v[i] = mpi_rand();
    }
    __enzyme_autodiff_v((void *)ring, enzyme_dup, x, dx, enzyme_const, LENGTH);
    double tangent = __enzyme_fwddiff((void *)ring, enzyme_dup, x, v, enzyme_const, LENGTH);
    mpi_check_gradient("d ring / d x", objective, NULL, x, dx, LENGTH, 1e-6, 1e-6);
    mpi_check_dot("dot product", dx, v, LENGTH, mpi_sum(tangent), 1e-10);
    return mpi_finish("ring_send_recv");
}
