/* OpenMP gradient timing (bench/openmp/README.md): a parallel-for reduction whose iterations read their
 * neighbour, so adjoints of x meet from two threads (atomic adds). Times the primal and the reverse-mode
 * gradient with 1 and 2 threads (minimum over 5 batches of at least 0.2 s each) and checks the gradient
 * against its closed form. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

static double objective(const double *x, int n)
{
    double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static)
    for (int i = 0; i < n; i++) {
        double a = x[i], b = x[(i + 1) % n];
        s += sin(a) * cos(b) + exp(0.1 * a * b);
    }
    return s;
}

static void gradient(const double *x, double *dx, int n)
{
    memset(dx, 0, (size_t)n * sizeof(double));
    __enzyme_autodiff((void *)objective, enzyme_dup, x, dx, enzyme_const, n);
}

static volatile double sink;

static double seconds_per_call(int which, const double *x, double *dx, int n)
{
    double best = INFINITY;
    for (int batch = 0; batch < 5; batch++) {
        int calls = 0;
        double start = omp_get_wtime(), elapsed;
        do {
            if (which == 0) sink = objective(x, n);
            else gradient(x, dx, n);
            calls++;
            elapsed = omp_get_wtime() - start;
        } while (elapsed < 0.2);
        if (elapsed / calls < best) best = elapsed / calls;
    }
    return best;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000000;
    double *x = malloc((size_t)n * sizeof(double)), *dx = malloc((size_t)n * sizeof(double));
    for (int i = 0; i < n; i++) x[i] = sin(0.001 * i) * 0.8;
    printf("| threads | primal (ms) | gradient (ms) | gradient / primal | max error vs closed form |\n|---|---|---|---|---|\n");
    for (int threads = 1; threads <= 2; threads++) {
        omp_set_num_threads(threads);
        double primal = seconds_per_call(0, x, dx, n);
        double grad = seconds_per_call(1, x, dx, n);
        double worst = 0.0;
        for (int i = 0; i < n; i++) {
            int p = (i + n - 1) % n, q = (i + 1) % n;
            double a = x[i], b = x[q], c = x[p];
            double g = cos(a) * cos(b) + 0.1 * b * exp(0.1 * a * b) - sin(c) * sin(a) + 0.1 * c * exp(0.1 * c * a);
            double e = fabs(dx[i] - g);
            if (e > worst) worst = e;
        }
        printf("| %d | %.3f | %.3f | %.2f | %.2g |\n", threads, primal * 1e3, grad * 1e3, grad / primal, worst);
        if (worst > 1e-12) return 1;
    }
    return 0;
}
