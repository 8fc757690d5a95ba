/*
 * DistributedHeat: a 1-D heat equation on CELLS cells split across the MPI ranks, explicit time stepping
 * with a halo exchange (MPI_Sendrecv, MPI_PROC_NULL at the ends: fixed zero temperature there), and a
 * misfit J = 1/2 sum (u_T - target)^2 over all cells. enzyme-ad differentiates it with respect to the
 * initial condition u_0 on every rank; the program checks the gradient against central finite
 * differences at a few cells, then recovers an unknown initial condition by gradient descent.
 *
 * Every rank calls the gradient and reverse mode seeds every rank's result with 1, so the gradient is
 * that of the sum over ranks of what the function returns: it returns this rank's part of J, and J
 * itself is the MPI_Allreduce of those parts (returning J from every rank would give size x dJ).
 *
 *   clang -O2 $(mpicc -showme:compile) -g -emit-llvm -c heat.c -o heat.bc
 *   enzyme-ad heat.bc -O2 -o heat.o
 *   clang heat.o $(mpicc -showme:link) -lm -o heat
 *   mpirun -np 4 ./heat            (run.sh does all of it)
 */
#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELLS 64
#define STEPS 40

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

typedef struct {
    int rank, size, first, count;   // this rank's cells: [first, first + count)
    int left, right;                // neighbours, MPI_PROC_NULL at the ends
} Layout;

static Layout layout_of(int rank, int size)
{
    Layout l = {rank, size, 0, 0, rank > 0 ? rank - 1 : MPI_PROC_NULL, rank < size - 1 ? rank + 1 : MPI_PROC_NULL};
    int base = CELLS / size, extra = CELLS % size;
    l.count = base + (rank < extra ? 1 : 0);
    l.first = rank * base + (rank < extra ? rank : extra);
    return l;
}

/* u_T from u_0 (count cells each), then this rank's part of J. */
double local_misfit(const double *u0, const double *target, int count, int left, int right, int steps)
{
    double *u = malloc((count + 2) * sizeof(double));
    double *next = malloc((count + 2) * sizeof(double));
    memcpy(&u[1], u0, count * sizeof(double));
    const double r = 0.3;   // dt * kappa / dx^2, stable below 0.5
    for (int s = 0; s < steps; s++) {
        u[0] = 0.0;
        u[count + 1] = 0.0;
        MPI_Sendrecv(&u[count], 1, MPI_DOUBLE, right, 0, &u[0], 1, MPI_DOUBLE, left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Sendrecv(&u[1], 1, MPI_DOUBLE, left, 1, &u[count + 1], 1, MPI_DOUBLE, right, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        for (int i = 1; i <= count; i++) {
            next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
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

/* J: every rank gets the same value. */
static double misfit(const double *u0, const double *target, int count, int left, int right, int steps)
{
    double local = local_misfit(u0, target, count, left, right, steps), total;
    MPI_Allreduce(&local, &total, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    return total;
}

static void gradient(const double *u0, double *du0, const double *target, const Layout *l)
{
    memset(du0, 0, l->count * sizeof(double));
    __enzyme_autodiff((void *)local_misfit, enzyme_dup, u0, du0, enzyme_const, target, enzyme_const, l->count,
                      enzyme_const, l->left, enzyme_const, l->right, enzyme_const, STEPS);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    Layout l = layout_of(rank, size);

    // The truth: a bump; the target is what it becomes after STEPS steps.
    double *truth = malloc(l.count * sizeof(double)), *target = malloc(l.count * sizeof(double));
    double *u0 = malloc(l.count * sizeof(double)), *du0 = malloc(l.count * sizeof(double));
    for (int i = 0; i < l.count; i++) {
        double x = (l.first + i + 0.5) / CELLS;
        truth[i] = exp(-60 * (x - 0.4) * (x - 0.4));
        u0[i] = 0.0;
    }
    {
        // target = u_T(truth): the same model, stepped here.
        double *u = calloc(l.count + 2, sizeof(double)), *next = calloc(l.count + 2, sizeof(double));
        memcpy(&u[1], truth, l.count * sizeof(double));
        for (int s = 0; s < STEPS; s++) {
            u[0] = u[l.count + 1] = 0.0;
            MPI_Sendrecv(&u[l.count], 1, MPI_DOUBLE, l.right, 0, &u[0], 1, MPI_DOUBLE, l.left, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            MPI_Sendrecv(&u[1], 1, MPI_DOUBLE, l.left, 1, &u[l.count + 1], 1, MPI_DOUBLE, l.right, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            for (int i = 1; i <= l.count; i++) next[i] = u[i] + 0.3 * (u[i - 1] - 2 * u[i] + u[i + 1]);
            memcpy(&u[1], &next[1], l.count * sizeof(double));
        }
        memcpy(target, &u[1], l.count * sizeof(double));
        free(u);
        free(next);
    }

    // 1. The gradient against central finite differences at a few global cells (collectively).
    for (int i = 0; i < l.count; i++) u0[i] = 0.5 * sin(0.3 * (l.first + i));
    gradient(u0, du0, target, &l);
    int failures = 0;
    const int probes[] = {0, CELLS / 3, CELLS / 2, CELLS - 1};
    for (int p = 0; p < 4; p++) {
        int g = probes[p], mine = g >= l.first && g < l.first + l.count, i = g - l.first;
        const double h = 1e-6;
        double saved = mine ? u0[i] : 0;
        if (mine) u0[i] = saved + h;
        double plus = misfit(u0, target, l.count, l.left, l.right, STEPS);
        if (mine) u0[i] = saved - h;
        double minus = misfit(u0, target, l.count, l.left, l.right, STEPS);
        if (mine) {
            u0[i] = saved;
            double fd = (plus - minus) / (2 * h);
            int ok = fabs(du0[i] - fd) <= 1e-6 * fmax(1.0, fabs(fd));
            failures += !ok;
            printf("rank %d: dJ/du0[%2d] = % .10f   finite differences % .10f   %s\n", rank, g, du0[i], fd, ok ? "ok" : "MISMATCH");
        }
    }
    fflush(stdout);
    MPI_Barrier(MPI_COMM_WORLD);

    // 2. Recover the initial condition by steepest descent (the misfit is quadratic: a fixed step works).
    for (int i = 0; i < l.count; i++) u0[i] = 0.0;
    double first = misfit(u0, target, l.count, l.left, l.right, STEPS), last = first;
    for (int iteration = 0; iteration < 200; iteration++) {
        gradient(u0, du0, target, &l);
        for (int i = 0; i < l.count; i++) u0[i] -= 1.0 * du0[i];
        last = misfit(u0, target, l.count, l.left, l.right, STEPS);
    }
    if (rank == 0) {
        printf("%d ranks, %d cells, %d steps: misfit %.3e -> %.3e after 200 gradient steps\n", size, CELLS, STEPS, first, last);
    }
    int total = 0;
    MPI_Allreduce(&failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (!(last < 1e-3 * first)) total++;
    if (rank == 0) printf("%s\n", total == 0 ? "DistributedHeat: ok" : "DistributedHeat: FAILED");
    free(truth); free(target); free(u0); free(du0);
    MPI_Finalize();
    return total == 0 ? 0 : 1;
}
