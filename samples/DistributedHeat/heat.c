/*
 * DistributedHeat, the C driver: the model of native/heat_model.c (a 1-D heat equation with a conductivity
 * per cell, split across the MPI ranks, halo exchange with MPI_Sendrecv) differentiated by enzyme-ad with
 * respect to the initial condition u_0 and the conductivity kappa on every rank. The program checks the
 * gradient against central finite differences at a few cells, then recovers an unknown initial condition by
 * gradient descent. The .NET version of the same is Program.cs (DistributedHeat.csproj, built by Enzyme.Sdk).
 *
 *   clang -O2 $(mpicc -showme:compile) -g -emit-llvm -c heat.c -o heat.bc
 *   enzyme-ad heat.bc -O2 -o heat.o
 *   clang heat.o $(mpicc -showme:link) -lm -o heat
 *   mpirun -np 4 ./heat            (run.sh does all of it)
 */
#include "native/heat_model.c"

#include <math.h>
#include <stdio.h>

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
    Layout l = {rank, size, 0, 0, heat_mpi_neighbour(-1), heat_mpi_neighbour(1)};
    int base = CELLS / size, extra = CELLS % size;
    l.count = base + (rank < extra ? 1 : 0);
    l.first = rank * base + (rank < extra ? rank : extra);
    return l;
}

/* J: every rank gets the same value. */
static double misfit(const double *u0, const double *kappa, const double *target, const Layout *l)
{
    return heat_mpi_sum(heat_local_misfit(u0, kappa, target, l->count, l->left, l->right, STEPS));
}

static void gradient(const double *u0, double *du0, const double *kappa, double *dkappa, const double *target, const Layout *l)
{
    memset(du0, 0, l->count * sizeof(double));
    memset(dkappa, 0, l->count * sizeof(double));
    __enzyme_autodiff((void *)heat_local_misfit, enzyme_dup, u0, du0, enzyme_dup, kappa, dkappa, enzyme_const, target,
                      enzyme_const, l->count, enzyme_const, l->left, enzyme_const, l->right, enzyme_const, STEPS);
}

/* Central differences of J in one global cell of `field` (collectively), checked against `derivative` there. */
static int check(const char *name, int g, double *field, const double *derivative, const double *u0, const double *kappa,
                 const double *target, const Layout *l)
{
    int mine = g >= l->first && g < l->first + l->count, i = g - l->first;
    const double h = 1e-6;
    double saved = mine ? field[i] : 0;
    if (mine) field[i] = saved + h;
    double plus = misfit(u0, kappa, target, l);
    if (mine) field[i] = saved - h;
    double minus = misfit(u0, kappa, target, l);
    if (!mine) return 0;
    field[i] = saved;
    double fd = (plus - minus) / (2 * h);
    int ok = fabs(derivative[i] - fd) <= 1e-6 * fmax(1.0, fabs(fd));
    printf("rank %d: dJ/d%s[%2d] = % .10f   finite differences % .10f   %s\n", l->rank, name, g, derivative[i], fd, ok ? "ok" : "MISMATCH");
    return !ok;
}

int main(void)
{
    heat_mpi_start();
    int rank = heat_mpi_rank(), size = heat_mpi_size();
    Layout l = layout_of(rank, size);

    // The truth: a bump, with a conductivity that varies along the rod; the target is what it becomes after STEPS steps.
    double *truth = malloc(l.count * sizeof(double)), *target = malloc(l.count * sizeof(double));
    double *kappa = malloc(l.count * sizeof(double)), *dkappa = malloc(l.count * sizeof(double));
    double *u0 = malloc(l.count * sizeof(double)), *du0 = malloc(l.count * sizeof(double));
    for (int i = 0; i < l.count; i++) {
        double x = (l.first + i + 0.5) / CELLS;
        truth[i] = exp(-60 * (x - 0.4) * (x - 0.4));
        kappa[i] = 1.0 + 0.5 * sin(6.283185307179586 * x);
    }
    heat_final_state(truth, kappa, target, l.count, l.left, l.right, STEPS);

    // 1. The gradient against central finite differences at a few global cells, for u_0 and kappa.
    for (int i = 0; i < l.count; i++) u0[i] = 0.5 * sin(0.3 * (l.first + i));
    gradient(u0, du0, kappa, dkappa, target, &l);
    int failures = 0;
    const int probes[] = {0, CELLS / 3, CELLS / 2, CELLS - 1};
    for (int p = 0; p < 4; p++) failures += check("u0", probes[p], u0, du0, u0, kappa, target, &l);
    for (int p = 0; p < 4; p++) failures += check("kappa", probes[p], kappa, dkappa, u0, kappa, target, &l);
    fflush(stdout);
    heat_mpi_barrier();

    // 2. Recover the initial condition by steepest descent (the misfit is quadratic in u_0: a fixed step works).
    for (int i = 0; i < l.count; i++) u0[i] = 0.0;
    double first = misfit(u0, kappa, target, &l), last = first;
    for (int iteration = 0; iteration < 200; iteration++) {
        gradient(u0, du0, kappa, dkappa, target, &l);
        for (int i = 0; i < l.count; i++) u0[i] -= 1.0 * du0[i];
        last = misfit(u0, kappa, target, &l);
    }
    if (rank == 0) {
        printf("%d ranks, %d cells, %d steps: misfit %.3e -> %.3e after 200 gradient steps\n", size, CELLS, STEPS, first, last);
    }
    int total = (int)heat_mpi_sum(failures);
    if (!(last < 1e-3 * first)) total++;
    if (rank == 0) printf("%s\n", total == 0 ? "DistributedHeat: ok" : "DistributedHeat: FAILED");
    free(truth); free(target); free(kappa); free(dkappa); free(u0); free(du0);
    heat_mpi_stop();
    return total == 0 ? 0 : 1;
}
