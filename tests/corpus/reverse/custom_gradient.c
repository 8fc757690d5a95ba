/* Custom gradients (__enzyme_register_gradient_*): the bodies call through volatile function pointers,
 * which the engine cannot differentiate (ENZ2004), so the gradient is right only if the registered
 * augmented/reverse functions are used. Covers: a scalar function without a tape whose reverse returns
 * a struct of adjoints, a void function over arrays with a heap tape called in a loop (one tape per
 * iteration), and a function returning {tape, result}. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>
#include <string.h>

static double (*volatile sqrt_ptr)(double) = sqrt;
static double (*volatile exp_ptr)(double) = exp;
static int augment_calls, reverse_calls;

/* 1. r = |(x, y)|, no tape. */
__attribute__((noinline)) double hypot2(double x, double y) { return sqrt_ptr(x * x + y * y); }
double hypot2_aug(double x, double y)
{
    augment_calls++;
    return sqrt(x * x + y * y);
}
typedef struct { double dx, dy; } Pair;
Pair hypot2_rev(double x, double y, double d_r)
{
    reverse_calls++;
    double r = sqrt(x * x + y * y);
    return (Pair){d_r * x / r, d_r * y / r};
}
void *__enzyme_register_gradient_hypot2[3] = {(void *)hypot2, (void *)hypot2_aug, (void *)hypot2_rev};

/* 2. out[i] = x[i]^3 * k, tape holds a copy of x (x is overwritten by the caller afterwards). */
__attribute__((noinline)) void cube_scale(const double *x, double *out, double k, int n)
{
    for (int i = 0; i < n; i++) out[i] = exp_ptr(3.0 * log(x[i])) * k;
}
void *cube_scale_aug(const double *x, const double *d_x, double *out, double *d_out, double k, int n)
{
    (void)d_x;
    (void)d_out;
    augment_calls++;
    double *tape = malloc(sizeof(double) * (size_t)n);
    memcpy(tape, x, sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++) out[i] = x[i] * x[i] * x[i] * k;
    return tape;
}
double cube_scale_rev(const double *x, double *d_x, double *out, double *d_out, double k, int n, void *tape)
{
    (void)x;
    (void)out;
    reverse_calls++;
    const double *saved = tape;
    double d_k = 0.0;
    for (int i = 0; i < n; i++) {
        double c = saved[i] * saved[i] * saved[i];
        d_x[i] += 3.0 * saved[i] * saved[i] * k * d_out[i];
        d_k += c * d_out[i];
        d_out[i] = 0.0;
    }
    free(tape);
    return d_k;
}
void *__enzyme_register_gradient_cube_scale[3] = {(void *)cube_scale, (void *)cube_scale_aug, (void *)cube_scale_rev};

/* 3. s = exp(a) * p[0], returns {tape, result}; the tape stores exp(a). */
__attribute__((noinline)) double exp_times(const double *p, double a) { return exp_ptr(a) * p[0]; }
typedef struct { void *tape; double value; } TapeAndValue;
TapeAndValue exp_times_aug(const double *p, const double *d_p, double a)
{
    (void)d_p;
    augment_calls++;
    double *e = malloc(sizeof(double));
    *e = exp(a);
    return (TapeAndValue){e, *e * p[0]};
}
double exp_times_rev(const double *p, double *d_p, double a, double d_s, void *tape)
{
    (void)a;
    reverse_calls++;
    double e = *(double *)tape;
    free(tape);
    d_p[0] += e * d_s;
    return e * p[0] * d_s;
}
void *__enzyme_register_gradient_exp_times[3] = {(void *)exp_times, (void *)exp_times_aug, (void *)exp_times_rev};

#define N 4
static double f(double *x, double *k)
{
    double work[N], out[N];
    memcpy(work, x, sizeof work);
    double s = 0.0;
    for (int it = 0; it < 3; it++) {
        cube_scale(work, out, k[0] + it, N);
        for (int i = 0; i < N; i++) work[i] = 0.5 + 0.1 * sin(out[i]); /* overwrites the custom call's input */
        s += hypot2(out[0], out[N - 1]);
    }
    return s + exp_times(work, 0.3 * k[1]);
}

static double wx(double *x, void *c) { return f(x, (double *)c); }
static double wk(double *k, void *c) { return f((double *)c, k); }

int main(void)
{
    rev_seed(91);
    double x[N], dx[N] = {0}, k[2] = {0.7, -0.4}, dk[2] = {0};
    for (int i = 0; i < N; i++) x[i] = 0.5 + 0.5 * rev_rand();
    __enzyme_autodiff_v((void *)f, enzyme_dup, x, dx, enzyme_dup, k, dk);
    rev_check_grad("dx", wx, k, x, dx, N, REV_H, REV_TOL);
    rev_check_grad("dk", wk, x, k, dk, 2, REV_H, REV_TOL);
    check_close("augment calls", (double)augment_calls, 7.0, 0.0);
    check_close("reverse calls", (double)reverse_calls, 7.0, 0.0);
    return corpus_exit();
}
