// mpi-ranks: 2 4
/*
 * MPI_FLOAT data: an in-place MPI_Allreduce (MPI_IN_PLACE) of a float vector, then a float objective
 * reduced again. Checked in double precision against finite differences (loose, float round-off) and
 * between modes (the dot-product test, to float precision).
 */
#include "enzyme_mpi_test.h"

#define LENGTH 4

double float_sums(float *x, int n)
{
    float sums[LENGTH];
    for (int i = 0; i < n; i++) sums[i] = x[i] * x[i] + 0.5f * x[i];
    MPI_Allreduce(MPI_IN_PLACE, sums, n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    float local = 0;
    for (int i = 0; i < n; i++) local += sinf(sums[i]) * x[i];
    float total;
    MPI_Allreduce(&local, &total, 1, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
    return (double)total;
}

int main(int argc, char **argv)
{
    mpi_start(&argc, &argv);
    float x[LENGTH], dx[LENGTH] = {0}, v[LENGTH];
    double dxd[LENGTH], vd[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
        x[i] = (float)(0.5 * mpi_rand());
        v[i] = (float)mpi_rand();
        vd[i] = v[i];
    }
    __enzyme_autodiff_v((void *)float_sums, enzyme_dup, x, dx, enzyme_const, LENGTH);
    double tangent = __enzyme_fwddiff((void *)float_sums, enzyme_dup, x, v, enzyme_const, LENGTH);
    for (int i = 0; i < LENGTH; i++) dxd[i] = dx[i];
    for (int owner = 0; owner < mpi_size; owner++) {
        for (int i = 0; i < LENGTH; i++) {
            float saved = x[i];
            const float h = 1e-2f;
            if (mpi_rank == owner) x[i] = saved + h;
            double plus = mpi_sum(float_sums(x, LENGTH));
            if (mpi_rank == owner) x[i] = saved - h;
            double minus = mpi_sum(float_sums(x, LENGTH));
            if (mpi_rank == owner) {
                x[i] = saved;
                mpi_check_close("d float_sums / d x", i, dxd[i], (plus - minus) / (2 * h), 2e-2);
            }
        }
    }
    mpi_check_dot("dot product", dxd, vd, LENGTH, mpi_sum(tangent), 1e-4);
    return mpi_finish("allreduce_float");
}
