/* The objectives bench/openmp times, and their gradients through __enzyme_autodiff. run.sh differentiates
 * this file twice: with the engine's default (a shared scalar the region only reads gets one partial adjoint
 * per thread) and with --openmp-atomic-scalar-adjoints (one atomic add per iteration); VARIANT names the
 * exported functions of each (private, atomic) so both link into one program and are timed in the same run. */
#include <math.h>
#include <string.h>

extern int enzyme_dup, enzyme_const, enzyme_out;
double __enzyme_autodiff(void *, ...);

#define JOIN2(a, b) a##_##b
#define JOIN(a, b) JOIN2(a, b)

/* Every iteration reads its neighbour: adjoints of x from two threads meet at the chunk borders. */
static double neighbour_sum(const double *x, int n)
{
    double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static)
    for (int i = 0; i < n; i++) {
        double a = x[i], b = x[(i + 1) % n];
        s += sin(a) * cos(b) + exp(0.1 * a * b);
    }
    return s;
}

/* Every iteration reads the shared scalar k: its adjoint receives a contribution from every iteration of
 * every thread, the worst case for atomic adds. */
static double decay_sum(const double *x, double k, int n)
{
    double s = 0.0;
#pragma omp parallel for reduction(+ : s) schedule(static)
    for (int i = 0; i < n; i++) s += sin(x[i]) * exp(-k * x[i] * x[i]);
    return s;
}

double JOIN(neighbour_sum, VARIANT)(const double *x, int n) { return neighbour_sum(x, n); }

void JOIN(neighbour_gradient, VARIANT)(const double *x, double *dx, int n)
{
    memset(dx, 0, (size_t)n * sizeof(double));
    __enzyme_autodiff((void *)neighbour_sum, enzyme_dup, x, dx, enzyme_const, n);
}

double JOIN(decay_sum, VARIANT)(const double *x, double k, int n) { return decay_sum(x, k, n); }

/* Returns d/dk; d/dx into dx. */
double JOIN(decay_gradient, VARIANT)(const double *x, double *dx, double k, int n)
{
    memset(dx, 0, (size_t)n * sizeof(double));
    return __enzyme_autodiff((void *)decay_sum, enzyme_dup, x, dx, enzyme_out, k, enzyme_const, n);
}
