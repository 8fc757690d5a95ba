/* Reductions of programs the differential fuzzer (tests/Enzyme.Engine.Tests/Fuzz) found wrong, each once
 * a wrong gradient or a crash at -O2: SLP vectors with poison lanes (0 x poison adjoints became NaN),
 * `freeze` dropping the adjoint, a phi of two calloc'd buffers of which only one had a shadow (the
 * primal buffer stood in for the other's shadow), and a non-inlined helper whose stack array moved to
 * a tape field that vector code accessed misaligned. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

static double slp_quotients(const double *x, int n)
{
    (void)n;
    double a = x[0] / atan(x[1]);
    double b = x[0] / x[1];
    return a * b;
}

static double slp_loop(const double *x, int n)
{
    (void)n;
    double t = x[0];
    for (int i = 0; i < 4; i++) {
        t *= 1.0 + 0.05 * tanh(x[0]);
        t = 0.5 * t + erf(x[0] / (1.0 + x[0] * x[0]));
    }
    return t;
}

static double frozen_difference(const double *x, int n)
{
    double t = x[1] - x[0];
    if (t * x[0] < 0.5) {
        for (int i = 0; i < n; i++) {
            if (x[0] > -1.0) break;
        }
    }
    return t;
}

static double dead_calloc_buffers(const double *x, int n)
{
    double *a = calloc((size_t)n, sizeof(double));
    for (int i = n - 2; i >= 0; i--) a[i] += a[i + 1] + x[0];
    double *b = calloc((size_t)n, sizeof(double));
    for (int i = 0; i < n; i++) b[(i + 1) % n] += x[0];
    double r = 0.25 * (a[0] + b[0]);
    free(a);
    free(b);
    return r;
}

__attribute__((noinline)) static double helper_with_stack_array(double a)
{
    double a0[4] = {a, a, a, a};
    for (int w = 0; w < 30; w++) a0[w % 4] *= 0.5 + 0.01 * w * a;
    return a0[1];
}
static double stack_array_in_helper(const double *x, int n)
{
    (void)n;
    return helper_with_stack_array(x[0]) + x[1];
}

typedef double (*Function)(const double *, int);
typedef struct { Function f; int n; } Case;
static double call_case(double *x, void *c)
{
    const Case *k = c;
    return k->f(x, k->n);
}

/* A macro, not a function: __enzyme_autodiff needs the differentiated function itself at each call. */
#define CHECK(f, x, n)                                                      \
    do {                                                                    \
        double dx[4] = {0};                                                 \
        __enzyme_autodiff_v((void *)f, enzyme_dup, x, dx, enzyme_const, n); \
        Case c = {f, n};                                                    \
        rev_check_grad(#f, call_case, &c, x, dx, n, REV_H, REV_TOL);       \
    } while (0)

int main(void)
{
    double x1[2] = {0.69, -0.54}, x2[2] = {0.4, 0.3}, x3[2] = {0.0318, 0.2896}, x5[2] = {0.7, 0.3};
    double x4a[1] = {0.122}, x4b[3] = {0.122, -0.3, 0.8};
    CHECK(slp_quotients, x1, 2);
    CHECK(slp_loop, x2, 2);
    CHECK(frozen_difference, x3, 2);
    CHECK(dead_calloc_buffers, x4a, 1);
    CHECK(dead_calloc_buffers, x4b, 3);
    CHECK(stack_array_in_helper, x5, 2);
    return corpus_exit();
}
