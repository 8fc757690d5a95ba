/*
 * enzyme_test.h — helpers for the self-checking forward-mode corpus (tests/corpus/forward).
 *
 * Header-only; works from C and C++ (C++ programs are compiled with -std=c++17 -fno-exceptions).
 *
 *  - Declarations of the Enzyme C API used by the corpus: __enzyme_fwddiff and the activity
 *    markers. A vector-mode (enzyme_width N) request returns N tangents, so a program that
 *    uses it declares its own typed variant, e.g.
 *        typedef struct { double d[2]; } Tangents2;
 *        extern Tangents2 __enzyme_fwddiff2(void*, ...);
 *    (every callee whose name contains "__enzyme_fwddiff" is a request). Typed scalar variants
 *    for float and long double are declared here too.
 *  - check_close(what, actual, expected, rel_tol): prints one line, counts failures.
 *  - central_diff / central_diff_ctx: central finite differences.
 *  - corpus_exit(): prints a summary, returns nonzero when any check failed (return it from main).
 *
 * None of the helpers is meant to be differentiated; call them from main only.
 */
#ifndef ENZYME_TEST_H
#define ENZYME_TEST_H

#include <math.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Activity markers (defined by no one: the engine removes every use). */
extern int enzyme_dup;
extern int enzyme_dupnoneed;
extern int enzyme_const;
extern int enzyme_dupv;
extern int enzyme_width;

/* Forward mode: returns the tangent of the result (converted to the declared type). */
double __enzyme_fwddiff(void *, ...);
float __enzyme_fwddiff_f(void *, ...);
long double __enzyme_fwddiff_l(void *, ...);
void __enzyme_fwddiff_v(void *, ...);

#ifdef __cplusplus
}
#endif

static int corpus_checks = 0;
static int corpus_failures = 0;

/* |actual - expected| <= rel_tol * max(|expected|, 1); NaN/inf in actual always fails. */
static inline int check_close(const char *what, double actual, double expected, double rel_tol)
{
    double scale = fabs(expected) > 1.0 ? fabs(expected) : 1.0;
    double err = fabs(actual - expected);
    int ok = (actual == expected) || (err <= rel_tol * scale);
    if (actual != actual || expected != expected) {
        ok = 0;
    }
    corpus_checks++;
    if (!ok) {
        corpus_failures++;
    }
    printf("%s %-40s actual=% .17g expected=% .17g err=%.3g\n", ok ? "ok  " : "FAIL", what, actual, expected, err);
    return ok;
}

/* Records a check that must simply be true (e.g. a primal effect of the derivative call). */
static inline int check_true(const char *what, int condition)
{
    corpus_checks++;
    if (!condition) {
        corpus_failures++;
    }
    printf("%s %s\n", condition ? "ok  " : "FAIL", what);
    return condition;
}

/* Central finite difference of a scalar function. */
static inline double central_diff(double (*f)(double), double x, double h)
{
    return (f(x + h) - f(x - h)) / (2.0 * h);
}

/* Central finite difference of f(x, ctx) with respect to x. */
static inline double central_diff_ctx(double (*f)(double, void *), void *ctx, double x, double h)
{
    return (f(x + h, ctx) - f(x - h, ctx)) / (2.0 * h);
}

/*
 * Central finite difference of f(v, ctx) along direction dir (n entries): (f(v+h dir) - f(v-h dir)) / 2h.
 * v is restored before returning. n must be at most 64.
 */
static inline double central_diff_dir(double (*f)(double *, void *), void *ctx, double *v, const double *dir, int n, double h)
{
    double saved[64];
    int i;
    for (i = 0; i < n; i++) saved[i] = v[i];
    for (i = 0; i < n; i++) v[i] = saved[i] + h * dir[i];
    double fp = f(v, ctx);
    for (i = 0; i < n; i++) v[i] = saved[i] - h * dir[i];
    double fm = f(v, ctx);
    for (i = 0; i < n; i++) v[i] = saved[i];
    return (fp - fm) / (2.0 * h);
}

#define CORPUS_H 1e-6
#define CORPUS_TOL 1e-6

static inline int corpus_exit(void)
{
    printf("%d checks, %d failed\n", corpus_checks, corpus_failures);
    return corpus_failures != 0 ? 1 : 0;
}

#endif /* ENZYME_TEST_H */
