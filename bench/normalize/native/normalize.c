/*
 * The Enzyme paper's normalize: out[i] = in[i] / |in|, written naively with the magnitude
 * recomputed inside the loop. The front end compiles at -O2 with -fno-math-errno (see the
 * project file), so sqrt is pure, mag is readonly and LICM hoists it out of the loop before
 * Enzyme differentiates: primal and gradient are O(N), and the ratio must not grow with N.
 *
 * The time_* entry points run the ADBench timing loop on buffers owned by the caller, so the
 * gradient the C# side checks is the one the last timed call produced.
 */
#include <math.h>
#include "../../common/adbench_timing.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

/* noinline keeps the call visible to LICM as one readonly call rather than an inner loop. */
__attribute__((noinline)) static double mag(const double *restrict x, int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += x[i] * x[i];
    return sqrt(sum);
}

__attribute__((noinline)) static void normalize(double *restrict out, const double *restrict in, int n)
{
    for (int i = 0; i < n; ++i)
        out[i] = in[i] / mag(in, n);
}

/* din = J^T dout. dout is scratch to Enzyme (it zeroes the adjoint of out as it goes), so the
 * caller's seed is copied into seed_scratch first; din accumulates, so it is cleared. */
static void normalize_vjp(double *out, double *seed_scratch, const double *in, double *din, const double *dout, int n)
{
    for (int i = 0; i < n; ++i) {
        seed_scratch[i] = dout[i];
        din[i] = 0.0;
    }
    __enzyme_autodiff((void *)normalize, enzyme_dup, out, seed_scratch, enzyme_dup, in, din, enzyme_const, n);
}

struct normalize_state {
    double *out, *seed_scratch, *din;
    const double *in, *dout;
    int n;
};

static void run_primal(void *p)
{
    struct normalize_state *s = p;
    normalize(s->out, s->in, s->n);
}

static void run_gradient(void *p)
{
    struct normalize_state *s = p;
    normalize_vjp(s->out, s->seed_scratch, s->in, s->din, s->dout, s->n);
}

/* Per-call seconds of normalize; out receives the result. */
double normalize_time_primal(double *out, const double *in, int n)
{
    struct normalize_state s = { out, 0, 0, in, 0, n };
    return adbench_seconds_per_call(run_primal, &s);
}

/* Per-call seconds of the reverse-mode vector-Jacobian product; din receives J^T dout. */
double normalize_time_reverse(double *out, double *seed_scratch, const double *in, double *din, const double *dout, int n)
{
    struct normalize_state s = { out, seed_scratch, din, in, dout, n };
    return adbench_seconds_per_call(run_gradient, &s);
}
