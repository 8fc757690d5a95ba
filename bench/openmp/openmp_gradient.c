/* OpenMP gradient timing (bench/openmp/README.md): for each objective of objectives.c and each thread count
 * (1, 2, 4, ... and every core; at least 1 and 2), the primal, the engine's gradient with per-thread partial
 * adjoints of shared scalars (the default), the engine's gradient with atomic adds only, and a hand-written
 * parallel gradient, timed with the ADBench method. Every gradient is checked against its closed form; the
 * program exits 1 on an error above 1e-12 (1e-9 relative for d/dk, a sum over n terms). With --out FILE it
 * writes the rows in the bench/results format. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/adbench_timing.h"

double neighbour_sum_private(const double *x, int n);
void neighbour_gradient_private(const double *x, double *dx, int n);
void neighbour_gradient_atomic(const double *x, double *dx, int n);
double decay_sum_private(const double *x, double k, int n);
double decay_gradient_private(const double *x, double *dx, double k, int n);
double decay_gradient_atomic(const double *x, double *dx, double k, int n);

static const double decay_k = 0.7;

static void neighbour_hand_written(const double *x, double *dx, int n)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
        int p = (i + n - 1) % n, q = (i + 1) % n;
        double a = x[i], b = x[q], c = x[p];
        dx[i] = cos(a) * cos(b) + 0.1 * b * exp(0.1 * a * b) - sin(c) * sin(a) + 0.1 * c * exp(0.1 * c * a);
    }
}

/* Each thread sums its share of d/dk privately (reduction), as the engine's default does. */
static double decay_hand_written(const double *x, double *dx, double k, int n)
{
    double dk = 0.0;
#pragma omp parallel for reduction(+ : dk) schedule(static)
    for (int i = 0; i < n; i++) {
        double e = exp(-k * x[i] * x[i]);
        dx[i] = cos(x[i]) * e - 2.0 * k * x[i] * sin(x[i]) * e;
        dk -= x[i] * x[i] * sin(x[i]) * e;
    }
    return dk;
}

struct state {
    const double *x;
    double *dx;
    int n;
    double dk;
};

static volatile double sink;

static void run_neighbour_primal(void *s) { struct state *t = s; sink = neighbour_sum_private(t->x, t->n); }
static void run_neighbour_private(void *s) { struct state *t = s; neighbour_gradient_private(t->x, t->dx, t->n); }
static void run_neighbour_atomic(void *s) { struct state *t = s; neighbour_gradient_atomic(t->x, t->dx, t->n); }
static void run_neighbour_hand(void *s) { struct state *t = s; neighbour_hand_written(t->x, t->dx, t->n); }
static void run_decay_primal(void *s) { struct state *t = s; sink = decay_sum_private(t->x, decay_k, t->n); }
static void run_decay_private(void *s) { struct state *t = s; t->dk = decay_gradient_private(t->x, t->dx, decay_k, t->n); }
static void run_decay_atomic(void *s) { struct state *t = s; t->dk = decay_gradient_atomic(t->x, t->dx, decay_k, t->n); }
static void run_decay_hand(void *s) { struct state *t = s; t->dk = decay_hand_written(t->x, t->dx, decay_k, t->n); }

/* Largest error of dx (and of d/dk, relative) against the closed form; *reference_dk is the closed form's d/dk. */
static double error_vs_closed_form(int objective, const struct state *t)
{
    double worst = 0.0, dk = 0.0;
    for (int i = 0; i < t->n; i++) {
        const double *x = t->x;
        double g;
        if (objective == 0) {
            int p = (i + t->n - 1) % t->n, q = (i + 1) % t->n;
            double a = x[i], b = x[q], c = x[p];
            g = cos(a) * cos(b) + 0.1 * b * exp(0.1 * a * b) - sin(c) * sin(a) + 0.1 * c * exp(0.1 * c * a);
        } else {
            double e = exp(-decay_k * x[i] * x[i]);
            g = cos(x[i]) * e - 2.0 * decay_k * x[i] * sin(x[i]) * e;
            dk -= x[i] * x[i] * sin(x[i]) * e;
        }
        double e = fabs(t->dx[i] - g);
        if (e > worst) worst = e;
    }
    if (objective == 1) {
        /* A sum of n terms in a thread-dependent order: compare relatively, scaled to the 1e-12 bound below. */
        double relative = fabs(t->dk - dk) / fabs(dk) * 1e-3;
        if (relative > worst) worst = relative;
    }
    return worst;
}

int main(int argc, char **argv)
{
    int n = 1000000;
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else n = atoi(argv[i]);
    }
    double *x = malloc((size_t)n * sizeof(double)), *dx = malloc((size_t)n * sizeof(double));
    for (int i = 0; i < n; i++) x[i] = sin(0.001 * i) * 0.8;
    /* 1, 2, 4, ... up to the core count, and the core count itself. */
    int counts[32], thread_cases = 0, procs = omp_get_num_procs();
    for (int t = 1; t < procs && thread_cases < 31; t *= 2) counts[thread_cases++] = t;
    counts[thread_cases++] = procs > 1 ? procs : 2;

    FILE *json = out ? fopen(out, "w") : NULL;
    if (out && !json) {
        perror(out);
        return 2;
    }
    if (json) fprintf(json, "{\n  \"benchmark\": \"openmp\",\n  \"rows\": [\n");
    printf("| objective | threads | primal (ms) | gradient (ms) | gradient / primal | gradient speed-up | atomics only (ms) | atomics / partials | hand-written (ms) | max error |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|\n");
    const char *names[2] = {"neighbour-sum", "decay-sum"};
    const char *notes[2] = {"parallel for reduction(+), iterations read their neighbour (adjoints of x meet at chunk borders)",
                            "parallel for reduction(+), every iteration reads the shared scalar k (d/dk from every iteration)"};
    adbench_call runs[2][4] = {{run_neighbour_primal, run_neighbour_private, run_neighbour_atomic, run_neighbour_hand},
                               {run_decay_primal, run_decay_private, run_decay_atomic, run_decay_hand}};
    const char *tools[4] = {"primal", "enzyme-reverse", "enzyme-reverse-atomic", "hand-written"};
    int failed = 0, first = 1;
    for (int objective = 0; objective < 2; objective++) {
        double one_thread = 0.0;
        for (int c = 0; c < thread_cases; c++) {
            omp_set_num_threads(counts[c]);
            struct state t = {x, dx, n, 0.0};
            double seconds[4], errors[4] = {0, 0, 0, 0};
            for (int tool = 0; tool < 4; tool++) {
                seconds[tool] = adbench_seconds_per_call(runs[objective][tool], &t);
                if (tool > 0) {
                    errors[tool] = error_vs_closed_form(objective, &t);
                    if (errors[tool] > 1e-12) failed = 1;
                }
            }
            double worst = fmax(fmax(errors[1], errors[2]), errors[3]);
            if (c == 0) one_thread = seconds[1];
            printf("| %s | %d | %.3f | %.3f | %.2f | %.2f | %.3f | %.2f | %.3f | %.1e |\n", names[objective], counts[c], seconds[0] * 1e3,
                   seconds[1] * 1e3, seconds[1] / seconds[0], one_thread / seconds[1], seconds[2] * 1e3, seconds[2] / seconds[1], seconds[3] * 1e3, worst);
            for (int tool = 0; json && tool < 4; tool++) {
                fprintf(json, "%s    { \"case\": \"%s n=%d, %d thread%s\", \"tool\": \"%s\", \"seconds\": %.9g, \"ratio\": %.9g, \"checked\": %s, \"note\": \"",
                        first ? "" : ",\n", names[objective], n, counts[c], counts[c] == 1 ? "" : "s", tools[tool], seconds[tool],
                        seconds[tool] / seconds[0], errors[tool] > 1e-12 ? "false" : "true");
                first = 0;
                if (tool == 0) fprintf(json, "%s", notes[objective]);
                else fprintf(json, "max error vs closed form %.1e%s", errors[tool],
                             tool == 1 ? "; per-thread partial adjoints of shared scalars (default)"
                             : tool == 2 ? "; --openmp-atomic-scalar-adjoints: one atomic add per iteration"
                                         : "; parallel closed form, d/dk by reduction(+)");
                fprintf(json, "\" }");
            }
        }
    }
    if (json) {
        fprintf(json, "\n  ]\n}\n");
        fclose(json);
    }
    free(x);
    free(dx);
    return failed;
}
