// corpus-flags: -fopenmp
/* OpenMP parallel regions differentiated in reverse mode (docs/openmp.md): parallel for with static and
 * dynamic schedules over shared arrays, reduction(+), a private array, a call inside the region, omp atomic
 * and a critical section, and a shared scalar every iteration reads (its adjoint is a per-thread partial sum,
 * added once per thread). Each kernel maps x[N] to a scalar; its gradient is checked against central
 * differences and against forward mode (dot-product test), with 1 to 4 threads, 20 runs each: the
 * gradient must be the same every time — bit for bit where every adjoint has one contribution (for 2 to 4
 * threads; one thread runs the reverse without atomics), within rounding where adjoints from several threads
 * meet (atomic adds in a run-time order). */
#include "enzyme_reverse_test.h"
#include <omp.h>
#include <string.h>

#define N 67
/* Gradients per thread count: a race shows as a run that differs from the others. */
#define RUNS 20

typedef double (*Kernel)(const double *x, double *y, int n);

/* static schedule; x[i] is read by iterations i and i-1 (two threads may add to its adjoint) */
static double static_map(const double *x, double *y, int n)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) y[i] = sin(x[i]) * x[i] + 0.5 * x[(i + 1) % n] * x[i];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += (1.0 + 0.01 * i) * y[i];
    return s;
}

/* dynamic schedule in chunks of 3: each thread's tape records the chunks it ran */
static double dynamic_map(const double *x, double *y, int n)
{
#pragma omp parallel for schedule(dynamic, 3)
    for (int i = 0; i < n; i++) y[i] = exp(0.3 * x[i]) * x[n - 1 - i];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += y[i] * (0.5 - 0.01 * i);
    return s;
}

static double reduction_sum(const double *x, double *y, int n)
{
    (void)y;
    double s = 0.0;
#pragma omp parallel for reduction(+ : s)
    for (int i = 0; i < n; i++) s += x[i] * x[i] * cos(x[i]);
    return s;
}

static double private_array(const double *x, double *y, int n)
{
    double t[3];
#pragma omp parallel for private(t)
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) t[k] = x[i] * (k + 1) + x[(i + k) % n];
        y[i] = t[0] * t[1] - t[2] * t[2] * 0.1;
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) s += y[i];
    return s;
}

__attribute__((noinline)) static double kernel_call(const double *x, int i, int n)
{
    return log(1.5 + x[i] * x[i]) * x[(i + 2) % n];
}

static double call_in_region(const double *x, double *y, int n)
{
#pragma omp parallel for
    for (int i = 0; i < n; i++) y[i] = kernel_call(x, i, n);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += y[i] * y[i];
    return s;
}

static double atomic_bins(const double *x, double *y, int n)
{
    for (int k = 0; k < 4; k++) y[k] = 0.0;
#pragma omp parallel for
    for (int i = 0; i < n; i++) {
#pragma omp atomic
        y[i % 4] += x[i] * sin(x[i]);
    }
    return y[0] + 2.0 * y[1] + 3.0 * y[2] * y[2] + 4.0 * y[3];
}

static double critical_total(const double *x, double *y, int n)
{
    y[0] = 0.0;
#pragma omp parallel for
    for (int i = 0; i < n; i++) {
        double v = x[i] * x[i] * 0.5 + tanh(x[i]);
#pragma omp critical
        y[0] = y[0] + v;
    }
    return y[0] * y[0];
}

/* k is shared and read by every iteration: its adjoint gets a contribution from each (per-thread partials). */
static double shared_scalar(const double *x, double *y, int n)
{
    double k = 0.5 + 0.1 * x[0];
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) y[i] = sin(x[i]) * exp(-k * x[i] * x[i]);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += y[i] * (1.0 + 0.02 * i);
    return s;
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
#define DRIVERS(k)                                                                   \
    static void grad_##k(const double *x, double *dx)                                \
    {                                                                                \
        double y[N], dy[N];                                                          \
        memset(dx, 0, N * sizeof(double));                                           \
        memset(dy, 0, sizeof dy);                                                    \
        __enzyme_autodiff_v((void *)k, x, dx, y, dy, N);                             \
    }                                                                                \
    static double tangent_##k(const double *x, const double *v)                      \
    {                                                                                \
        double y[N], dy[N];                                                          \
        memset(dy, 0, sizeof dy);                                                    \
        return __enzyme_fwddiff((void *)k, x, v, y, dy, N);                          \
    }
DRIVERS(static_map)
DRIVERS(dynamic_map)
DRIVERS(reduction_sum)
DRIVERS(private_array)
DRIVERS(call_in_region)
DRIVERS(atomic_bins)
DRIVERS(critical_total)
DRIVERS(shared_scalar)
DRIVERS(const_table)

static const struct {
    const char *name;
    Kernel f;
    void (*gradient)(const double *, double *);
    double (*tangent)(const double *, const double *);
    int fixed_order;
} kernels[] = {
    /* fixed_order: every adjoint of x gets at most two contributions (a + b == b + a), and none depends on
     * a primal value summed in a run-time order */
    {"static", static_map, grad_static_map, tangent_static_map, 0},
    {"dynamic", dynamic_map, grad_dynamic_map, tangent_dynamic_map, 1},
    {"reduction", reduction_sum, grad_reduction_sum, tangent_reduction_sum, 1},
    {"private", private_array, grad_private_array, tangent_private_array, 0},
    {"call", call_in_region, grad_call_in_region, tangent_call_in_region, 0},
    {"atomic", atomic_bins, grad_atomic_bins, tangent_atomic_bins, 0},
    {"critical", critical_total, grad_critical_total, tangent_critical_total, 0},
    {"shared scalar", shared_scalar, grad_shared_scalar, tangent_shared_scalar, 0},
    {"const table", const_table, grad_const_table, tangent_const_table, 1},
};

static Kernel current;

static double eval(double *x, void *ctx)
{
    (void)ctx;
    double y[N];
    return current(x, y, N);
}

int main(void)
{
    rev_seed(2026);
    double x[N], v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    for (unsigned k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        char label[96];
        double reference[N], dx[N];
        current = kernels[k].f;
        omp_set_num_threads(1);
        kernels[k].gradient(x, reference);
        snprintf(label, sizeof label, "%s FD", kernels[k].name);
        rev_check_grad(label, eval, NULL, x, reference, N, REV_H, REV_TOL);
        double jv = kernels[k].tangent(x, v);
        snprintf(label, sizeof label, "%s", kernels[k].name);
        rev_check_dot(label, jv, rev_dot(v, reference, N));
        /* Bit-identity: every run at a thread count equals that count's first run (a race would make runs
         * differ), and for fixed-order kernels the first runs at 2, 3 and 4 threads are equal. One thread runs
         * a copy of the reverse half without atomic adds, whose adjoint sums LLVM may reassociate: it agrees with
         * the others within rounding, as do kernels whose adjoints meet in a run-time order. */
        double team[N];
        for (int threads = 1; threads <= 4; threads++) {
            omp_set_num_threads(threads);
            int same = 1;
            double worst = 0.0, first[N];
            for (int run = 0; run < RUNS; run++) {
                kernels[k].gradient(x, dx);
                if (run == 0) memcpy(first, dx, sizeof first);
                if (run == 0 && threads == 2) memcpy(team, dx, sizeof team);
                for (int i = 0; i < N; i++) {
                    double err = fabs(dx[i] - reference[i]) / (fabs(reference[i]) > 1.0 ? fabs(reference[i]) : 1.0);
                    if (kernels[k].fixed_order && (dx[i] != first[i] || (threads >= 2 && dx[i] != team[i]))) same = 0;
                    if (err > worst || err != err) worst = err != err ? INFINITY : err;
                }
                double jv_threads = kernels[k].tangent(x, v);
                if (fabs(jv_threads - jv) > 1e-12 * (fabs(jv) > 1.0 ? fabs(jv) : 1.0)) worst = INFINITY;
            }
            snprintf(label, sizeof label, "%s %d threads %s", kernels[k].name, threads, kernels[k].fixed_order ? "bit-identical" : "within rounding");
            check_true(label, same && worst <= 1e-13);
        }
    }
    return corpus_exit();
}
