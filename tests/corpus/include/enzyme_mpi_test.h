/*
 * enzyme_mpi_test.h — helpers for the self-checking MPI corpus (tests/corpus/mpi), run with
 * mpirun -np 2..4 (the first line of each program lists its rank counts: "// mpi-ranks: 2 3 4").
 *
 *  - the Enzyme C API the corpus uses (__enzyme_autodiff_v: gradient of a double-returning function
 *    into the shadows of enzyme_dup arguments; __enzyme_fwddiff: the tangent of the result);
 *  - mpi_rand: a seeded generator that gives every rank its own stream;
 *  - mpi_sum / mpi_dot: sums over all ranks (every rank gets the result);
 *  - mpi_check_close: a relative check that counts failures on this rank;
 *  - mpi_finish: sums the failures over all ranks, finalises MPI, returns the exit code.
 *
 * What is differentiated: every rank calls the derivative, and reverse mode seeds every rank's result
 * with 1. A result that every rank holds (after MPI_Allreduce) is therefore differentiated as the sum
 * over ranks of the results, size x the value: the objectives of the finite differences are that sum
 * (mpi_sum), and so is the forward tangent in the dot-product test.
 *
 * None of the helpers is meant to be differentiated; call them from main only.
 */
#ifndef ENZYME_MPI_TEST_H
#define ENZYME_MPI_TEST_H

#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

extern int enzyme_dup, enzyme_const, enzyme_out, enzyme_dupnoneed;
void __enzyme_autodiff_v(void *, ...);
double __enzyme_fwddiff(void *, ...);
void __enzyme_fwddiff_v(void *, ...);

static int mpi_failures;
static int mpi_rank, mpi_size;
static unsigned long long mpi_rng_state;

static inline void mpi_start(int *argc, char ***argv)
{
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &mpi_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &mpi_size);
    mpi_rng_state = 0x9E3779B97F4A7C15ull * (unsigned long long)(mpi_rank + 1) + 12345u;
}

/* Uniform in [-1, 1), a different stream on every rank. */
static inline double mpi_rand(void)
{
    mpi_rng_state ^= mpi_rng_state << 13;
    mpi_rng_state ^= mpi_rng_state >> 7;
    mpi_rng_state ^= mpi_rng_state << 17;
    return (double)(mpi_rng_state >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

static inline double mpi_sum(double local)
{
    double total = 0;
    MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return total;
}

static inline double mpi_dot(const double *a, const double *b, int n)
{
    double local = 0;
    for (int i = 0; i < n; i++) {
        local += a[i] * b[i];
    }
    return mpi_sum(local);
}

static inline void mpi_check_close(const char *what, int index, double actual, double expected, double tolerance)
{
    double scale = fabs(expected) > 1.0 ? fabs(expected) : 1.0;
    if (!(fabs(actual - expected) <= tolerance * scale)) {
        printf("rank %d: FAIL %s[%d]: %.15g, expected %.15g\n", mpi_rank, what, index, actual, expected);
        mpi_failures++;
    }
}

/*
 * Central finite differences of a scalar that every rank computes collectively (objective returns the
 * same value everywhere: a sum over ranks), one component of one rank's x at a time, checked against
 * that rank's gradient.
 */
static inline void mpi_check_gradient(const char *what, double (*objective)(double *x, void *context), void *context,
                                      double *x, const double *gradient, int n, double h, double tolerance)
{
    for (int owner = 0; owner < mpi_size; owner++) {
        for (int i = 0; i < n; i++) {
            double saved = x[i];
            if (mpi_rank == owner) x[i] = saved + h;
            double plus = objective(x, context);
            if (mpi_rank == owner) x[i] = saved - h;
            double minus = objective(x, context);
            if (mpi_rank == owner) {
                x[i] = saved;
                mpi_check_close(what, i, gradient[i], (plus - minus) / (2 * h), tolerance);
            }
        }
    }
}

/* The dot-product test between modes: sum over ranks of <gradient, v> equals the forward tangent along v. */
static inline void mpi_check_dot(const char *what, const double *gradient, const double *v, int n, double tangent, double tolerance)
{
    mpi_check_close(what, 0, mpi_dot(gradient, v, n), tangent, tolerance);
}

static inline int mpi_finish(const char *name)
{
    int total = 0;
    MPI_Allreduce(&mpi_failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (mpi_rank == 0) {
        printf("%s on %d ranks: %s (%d failed checks)\n", name, mpi_size, total == 0 ? "ok" : "FAILED", total);
    }
    MPI_Finalize();
    return total == 0 ? 0 : 1;
}

#endif
