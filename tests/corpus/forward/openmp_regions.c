// corpus-flags: -fopenmp
/* OpenMP parallel regions differentiated in forward mode (docs/openmp.md): the tangent of a fork is a fork
 * of the outlined region's tangent, the shared arrays' shadows passed along. Each kernel maps x[N] to a
 * scalar; the directional derivative along v is checked against central differences, with 1 to 4 threads,
 * 20 runs each (the same value every time within rounding: reductions and atomics add in a run-time order). */
#include "enzyme_test.h"
#include <omp.h>
#include <string.h>

#define N 53

typedef double (*Kernel)(const double *x, double *y, int n);

static double static_map(const double *x, double *y, int n)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) y[i] = sin(x[i]) * x[(i + 1) % n];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += y[i] * y[i];
    return s;
}

static double dynamic_map(const double *x, double *y, int n)
{
#pragma omp parallel for schedule(dynamic, 2)
    for (int i = 0; i < n; i++) y[i] = exp(0.2 * x[i]) - x[n - 1 - i] * x[i];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += (1.0 + 0.1 * i) * y[i];
    return s;
}

static double reduction_sum(const double *x, double *y, int n)
{
    (void)y;
    double s = 0.0;
#pragma omp parallel for reduction(+ : s)
    for (int i = 0; i < n; i++) s += x[i] * cos(x[i]);
    return s * s;
}

static double atomic_and_critical(const double *x, double *y, int n)
{
    y[0] = 0.0;
    y[1] = 0.0;
#pragma omp parallel for
    for (int i = 0; i < n; i++) {
        double v = x[i] * x[i];
#pragma omp atomic
        y[0] += v;
#pragma omp critical
        y[1] = y[1] + tanh(x[i]);
    }
    return y[0] * y[1];
}

/* A read-only table reached through a const pointer the region captures by address: its shadow slot holds
 * the primal pointer, so it must not be passed to the region as a shadow (tangents would be read from the
 * table, adjoints added into it). */
/* const: a writable global would have a shadow of its own that receives adjoints; that is not what this tests. */
static const double table_weights[N] = {0.5, 0.75, 0.6, 0.9, 0.55, 0.7, 0.65, 0.8, 0.45, 0.85, 0.5, 0.95, 0.6, 0.7, 0.75, 0.4};

static double const_table(const double *x, double *y, int n)
{
    const double *w = table_weights;
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) y[i] = (x[i] - w[i]) * (x[i] - w[i]) * w[i];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += y[i];
    return s;
}

/* The requests name each kernel directly; the table holds the drivers. */
#define TANGENT(k)                                                  \
    static double tangent_##k(const double *x, const double *v)     \
    {                                                               \
        double y[N], dy[N];                                         \
        memset(dy, 0, sizeof dy);                                   \
        return __enzyme_fwddiff((void *)k, x, v, y, dy, N);         \
    }
TANGENT(static_map)
TANGENT(dynamic_map)
TANGENT(reduction_sum)
TANGENT(atomic_and_critical)
TANGENT(const_table)

static const struct {
    const char *name;
    Kernel f;
    double (*tangent)(const double *, const double *);
} kernels[] = {
    {"static", static_map, tangent_static_map},
    {"dynamic", dynamic_map, tangent_dynamic_map},
    {"reduction", reduction_sum, tangent_reduction_sum},
    {"atomic+critical", atomic_and_critical, tangent_atomic_and_critical},
    {"const table", const_table, tangent_const_table},
};

int main(void)
{
    double x[N], v[N], xp[N], xm[N], y[N];
    for (int i = 0; i < N; i++) {
        x[i] = sin(1.3 * i + 0.2);
        v[i] = cos(0.7 * i);
    }
    const double h = 1e-6;
    for (unsigned k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        Kernel f = kernels[k].f;
        for (int i = 0; i < N; i++) {
            xp[i] = x[i] + h * v[i];
            xm[i] = x[i] - h * v[i];
        }
        omp_set_num_threads(1);
        double fd = (f(xp, y, N) - f(xm, y, N)) / (2.0 * h);
        for (int threads = 1; threads <= 4; threads++) {
            omp_set_num_threads(threads);
            for (int run = 0; run < 20; run++) {
                char label[96];
                double tangent = kernels[k].tangent(x, v);
                snprintf(label, sizeof label, "%s %d threads run %d", kernels[k].name, threads, run);
                check_close(label, tangent, fd, 1e-6);
            }
        }
    }
    return corpus_exit();
}
