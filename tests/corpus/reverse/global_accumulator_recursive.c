/* A global accumulator array (a histogram of weighted contributions) written by a recursive function
 * (depth 20, each level adding into a bin chosen by its depth and reading the bin back) and by a noinline
 * helper called in a loop; the objective resets it, fills it, and reads it back nonlinearly. The shadow of the
 * global array carries the adjoints between the writers and the readers, across the tapes of the recursive
 * calls; it must be zero again after each gradient, so a repeated gradient agrees. An inactive global call
 * counter (__enzyme_inactive_global) carries no derivative. Gradient w.r.t. the inputs and an active scale
 * against central differences, and the dot-product test. */
#include "enzyme_reverse_test.h"

#define BINS 5
#define DEPTH 20
#define N 8

static double bins[BINS];
static int deposits;
void *__enzyme_inactive_global[] = {&deposits};

__attribute__((noinline)) static void deposit(int bin, double amount)
{
    deposits++;
    bins[bin] += amount;
}

/* Level d adds a damped value into bin d % BINS, reading back what is already there (a read-modify-write of
 * the global that depends on earlier writes), and passes its state down to level d + 1. */
__attribute__((noinline)) static double cascade(const double *x, double state, int d)
{
    if (d == DEPTH)
        return state;
    int b = d % BINS;
    double contribution = sin(state) * x[d % N] + 0.05 * bins[b];
    bins[b] += contribution * contribution;
    return cascade(x, 0.9 * state + 0.1 * contribution, d + 1) + 0.01 * bins[b];
}

static double histogram_energy(const double *x, double scale, int n)
{
    for (int b = 0; b < BINS; b++) bins[b] = 0.0;
    for (int i = 0; i < n; i++) deposit(i % BINS, scale * x[i] * x[(i + 3) % n]);
    double tail = cascade(x, scale + x[0], 0);
    for (int i = 0; i < n; i++) deposit((i * 3) % BINS, exp(-0.5 * bins[i % BINS] * bins[i % BINS]));
    double e = tail;
    for (int b = 0; b < BINS; b++) e += bins[b] * bins[(b + 1) % BINS] + log(1.0 + bins[b] * bins[b]);
    return e;
}

static double at_x(double *x, void *c) { return histogram_energy(x, *(double *)c, N); }
static double at_scale(double *s, void *c) { return histogram_energy((const double *)c, s[0], N); }

int main(void)
{
    rev_seed(1920);
    double x[N], dx[N] = {0}, dx2[N] = {0}, v[N], scale = 0.7;
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    double ds = __enzyme_autodiff((void *)histogram_energy, enzyme_dup, x, dx, enzyme_out, scale, enzyme_const, N);
    rev_check_grad("dx", at_x, &scale, x, dx, N, REV_H, REV_TOL);
    double sarr[1] = {scale};
    rev_check_grad("dscale", at_scale, x, sarr, &ds, 1, REV_H, REV_TOL);

    double ds2 = __enzyme_autodiff((void *)histogram_energy, enzyme_dup, x, dx2, enzyme_out, scale, enzyme_const, N);
    check_close("second dscale", ds2, ds, 1e-14);
    for (int i = 0; i < N; i++) check_close("second dx equals first", dx2[i], dx[i], 1e-14);

    /* The global holds the primal of the last run; its contents equal a plain call's. */
    double expect_bins[BINS];
    histogram_energy(x, scale, N);
    for (int b = 0; b < BINS; b++) expect_bins[b] = bins[b];
    __enzyme_autodiff((void *)histogram_energy, enzyme_dup, x, dx2, enzyme_out, scale, enzyme_const, N);
    for (int b = 0; b < BINS; b++) check_close("bins after gradient", bins[b], expect_bins[b], 1e-15);

    double vs = rev_rand(), w = rev_rand();
    rev_check_dot("histogram_energy", w * __enzyme_fwddiff((void *)histogram_energy, enzyme_dup, x, v, scale, vs, enzyme_const, N),
                  w * (rev_dot(v, dx, N) + vs * ds));
    return corpus_exit();
}
