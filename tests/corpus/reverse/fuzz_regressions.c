/* Reductions of programs the differential fuzzer (tests/Enzyme.Engine.Tests/Fuzz) found wrong, each once
 * a wrong gradient or a crash at -O2: SLP vectors with poison lanes (0 x poison adjoints became NaN),
 * `freeze` dropping the adjoint, a phi of two calloc'd buffers of which only one had a shadow (the
 * primal buffer stood in for the other's shadow), and a non-inlined helper whose stack array moved to
 * a tape field that vector code accessed misaligned, and an early return before a calloc whose deferred free
 * then freed an uninitialised cache slot (the optimiser turned that into an endless loop). */
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

static double early_return_before_calloc(const double *x, int n)
{
    double t0 = x[0] * x[1] / exp((-0.145) * atan(x[0]));
    if (x[0] > (-0.101)) return lgamma(2.0 + sin(t0 * x[1]));
    for (int i1 = 0; i1 < 2 * n; i1++) {
        double a2[3];
        for (int i3 = 0; i3 < 3; i3++) a2[i3] = atan(atan2(x[1], x[i1 % n]));
        double a4[2];
        for (int i5 = 0; i5 < 2; i5++) a4[i5] = a2[1] - t0;
    }
    double *b6 = calloc((size_t)n, sizeof(double));
    for (int i7 = 0; i7 < n; i7++) b6[(i7 + 2) % n] += x[i7] + t0 * x[0] + t0;
    for (int i8 = 0; i8 < n; i8++) {
        t0 = 0.803 * t0 + atan(b6[n - 1 - i8]);
        double t9 = x[i8];
        b6[n - 1 - i8] = 0.43 * b6[n - 1 - i8] + atan(t9);
    }
    double t10 = t0 / (1.0 + (b6[1]) * (b6[1]));
    double r11 = 1.4 * t0 + 1.185 * t10;
    free(b6);
    return r11;
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
    double x6a[2] = {0.5825, -0.7995}, x6b[2] = {-0.5, 0.3};
    CHECK(early_return_before_calloc, x6a, 2);
    CHECK(early_return_before_calloc, x6b, 2);
    return corpus_exit();
}
