/* Hand-written reverse sweeps (no AD) that isolate how a parallel reverse sweep accumulates adjoints several
 * threads share, at 1, 2, 4, ... threads up to the core count (bench/openmp/README.md, docs/openmp.md):
 *
 * - a shared scalar every iteration reads (d/dk of sum sin(x) exp(-k x^2)): an atomic add per iteration
 *   against a partial per thread added once (what enzyme-ad does by default for such scalars);
 * - a neighbour stencil's adjoint (the reverse of sum f(x[i], x[i+1]) scatters into dx[i] and dx[i+1]): atomic
 *   adds (what enzyme-ad does for shared arrays) against a private copy of dx per thread reduced afterwards,
 *   and against a gather a person would write (each dx[i] computed by one thread, no atomics).
 *
 * Build and run: clang -O2 -fopenmp accumulation_strategies.c -lm -o strategies && ./strategies [n] */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPEATS 7

static double scalar_atomic(const double *x, int n, double k)
{
    double dk = 0.0;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
        double c = -x[i] * x[i] * sin(x[i]) * exp(-k * x[i] * x[i]);
#pragma omp atomic
        dk += c;
    }
    return dk;
}

static double scalar_partials(const double *x, int n, double k)
{
    double dk = 0.0;
#pragma omp parallel
    {
        double partial = 0.0;
#pragma omp for schedule(static)
        for (int i = 0; i < n; i++) partial += -x[i] * x[i] * sin(x[i]) * exp(-k * x[i] * x[i]);
#pragma omp atomic
        dk += partial;
    }
    return dk;
}

static void array_atomic(const double *x, double *dx, int n)
{
    memset(dx, 0, (size_t)n * sizeof(double));
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n - 1; i++) {
        double a = cos(x[i]) * cos(x[i + 1]), b = -sin(x[i]) * sin(x[i + 1]);
#pragma omp atomic
        dx[i] += a;
#pragma omp atomic
        dx[i + 1] += b;
    }
}

static void array_private(const double *x, double *dx, double **copies, int n)
{
#pragma omp parallel
    {
        int team = omp_get_num_threads();
        double *mine = copies[omp_get_thread_num()];
        memset(mine, 0, (size_t)n * sizeof(double));
#pragma omp for schedule(static)
        for (int i = 0; i < n - 1; i++) {
            mine[i] += cos(x[i]) * cos(x[i + 1]);
            mine[i + 1] += -sin(x[i]) * sin(x[i + 1]);
        }
#pragma omp for schedule(static)
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int t = 0; t < team; t++) sum += copies[t][i];
            dx[i] = sum;
        }
    }
}

static void array_gather(const double *x, double *dx, int n)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
        double g = 0.0;
        if (i < n - 1) g += cos(x[i]) * cos(x[i + 1]);
        if (i > 0) g += -sin(x[i - 1]) * sin(x[i]);
        dx[i] = g;
    }
}

static volatile double sink;

/* Milliseconds of the fastest of REPEATS calls of strategy `which`. */
static double best_ms(int which, const double *x, double *dx, double **copies, int n)
{
    double best = INFINITY;
    for (int r = 0; r < REPEATS; r++) {
        double start = omp_get_wtime();
        switch (which) {
        case 0: sink = scalar_atomic(x, n, 0.7); break;
        case 1: sink = scalar_partials(x, n, 0.7); break;
        case 2: array_atomic(x, dx, n); break;
        case 3: array_private(x, dx, copies, n); break;
        default: array_gather(x, dx, n); break;
        }
        double elapsed = omp_get_wtime() - start;
        if (elapsed < best) best = elapsed;
    }
    return best * 1e3;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4000000, procs = omp_get_num_procs();
    double *x = malloc((size_t)n * sizeof(double)), *dx = malloc((size_t)n * sizeof(double));
    double **copies = malloc((size_t)procs * sizeof(double *));
    for (int t = 0; t < procs; t++) copies[t] = malloc((size_t)n * sizeof(double));
    for (int i = 0; i < n; i++) x[i] = sin(0.001 * i) * 0.8;
    int counts[32], cases = 0;
    for (int t = 1; t < procs && cases < 31; t *= 2) counts[cases++] = t;
    counts[cases++] = procs > 1 ? procs : 2;
    printf("n = %d, %d cores\n\n| threads | scalar: atomic per iteration (ms) | scalar: partial per thread (ms) | atomic / partial "
           "| array: atomic scatter (ms) | array: private copies + reduction (ms) | array: gather, no atomics (ms) |\n"
           "|---|---|---|---|---|---|---|\n", n, procs);
    for (int c = 0; c < cases; c++) {
        if (counts[c] > procs) continue;
        omp_set_num_threads(counts[c]);
        double ms[5];
        for (int s = 0; s < 5; s++) ms[s] = best_ms(s, x, dx, copies, n);
        printf("| %d | %.2f | %.2f | %.1f | %.2f | %.2f | %.2f |\n", counts[c], ms[0], ms[1], ms[0] / ms[1], ms[2], ms[3], ms[4]);
    }
    return 0;
}
