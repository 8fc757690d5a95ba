/*
 * enzyme_reverse_test.h — helpers for the self-checking reverse-mode corpus (tests/corpus/reverse).
 *
 * Builds on enzyme_test.h (check_close, check_true, corpus_exit, __enzyme_fwddiff, markers) and adds:
 *  - the reverse-mode C API: __enzyme_autodiff (one adjoint, double), typed variants returning float /
 *    long double / nothing, and struct-returning variants for 2, 3 and 4 enzyme_out arguments
 *    (every callee whose name contains "__enzyme_autodiff" is a request);
 *  - the enzyme_out marker;
 *  - a seeded pseudo-random generator (rev_rand) for dot-product tests;
 *  - rev_fd_partial / rev_check_grad: central finite differences of a scalar function of an array,
 *    checked component by component against a gradient;
 *  - rev_check_dot: the dot-product test <J v, w> == <v, J^T w> to ~1e-10 relative.
 *
 * None of the helpers is meant to be differentiated; call them from main only.
 */
#ifndef ENZYME_REVERSE_TEST_H
#define ENZYME_REVERSE_TEST_H

#include "enzyme_test.h"
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

extern int enzyme_out;

typedef struct { double a, b; } Grad2;
typedef struct { double a, b, c; } Grad3;
typedef struct { double a, b, c, d; } Grad4;
typedef struct { float a, b; } Grad2f;

double __enzyme_autodiff(void *, ...);
float __enzyme_autodiff_f(void *, ...);
long double __enzyme_autodiff_l(void *, ...);
void __enzyme_autodiff_v(void *, ...);
Grad2 __enzyme_autodiff2(void *, ...);
Grad3 __enzyme_autodiff3(void *, ...);
Grad4 __enzyme_autodiff4(void *, ...);
Grad2f __enzyme_autodiff2f(void *, ...);

#ifdef __cplusplus
}
#endif

static unsigned long long rev_rng_state = 0x9E3779B97F4A7C15ull;

/* Seeds the generator (deterministic runs). */
static inline void rev_seed(unsigned long long seed) { rev_rng_state = seed * 0x9E3779B97F4A7C15ull + 1; }

/* Uniform pseudo-random double in [-1, 1). */
static inline double rev_rand(void)
{
    rev_rng_state ^= rev_rng_state << 13;
    rev_rng_state ^= rev_rng_state >> 7;
    rev_rng_state ^= rev_rng_state << 17;
    return (double)(rev_rng_state >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

static inline void rev_rand_fill(double *v, int n)
{
    for (int i = 0; i < n; i++) v[i] = rev_rand();
}

static inline double rev_dot(const double *a, const double *b, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

/* Central difference of f(x, ctx) with respect to x[i] (x is restored). */
static inline double rev_fd_partial(double (*f)(double *, void *), void *ctx, double *x, int i, double h)
{
    double saved = x[i];
    x[i] = saved + h;
    double fp = f(x, ctx);
    x[i] = saved - h;
    double fm = f(x, ctx);
    x[i] = saved;
    return (fp - fm) / (2.0 * h);
}

/* Checks every component of grad (n entries) against central differences of f at x. */
static inline void rev_check_grad(const char *what, double (*f)(double *, void *), void *ctx, double *x, const double *grad, int n,
                                  double h, double tol)
{
    char label[96];
    for (int i = 0; i < n; i++) {
        snprintf(label, sizeof label, "%s[%d]", what, i);
        check_close(label, grad[i], rev_fd_partial(f, ctx, x, i, h), tol);
    }
}

/* Dot-product test: <J v, w> (forward) against <v, J^T w> (reverse), relative tolerance 1e-10. */
static inline int rev_check_dot(const char *what, double jv_w, double v_jtw)
{
    double scale = fabs(jv_w) > fabs(v_jtw) ? fabs(jv_w) : fabs(v_jtw);
    double err = fabs(jv_w - v_jtw);
    int ok = err <= 1e-10 * scale || err <= 1e-13;
    if (jv_w != jv_w || v_jtw != v_jtw) ok = 0;
    corpus_checks++;
    if (!ok) corpus_failures++;
    printf("%s dot %-36s <Jv,w>=% .17g <v,JTw>=% .17g err=%.3g\n", ok ? "ok  " : "FAIL", what, jv_w, v_jtw, err);
    return ok;
}

#define REV_H 1e-6
#define REV_TOL 1e-6

#endif /* ENZYME_REVERSE_TEST_H */
