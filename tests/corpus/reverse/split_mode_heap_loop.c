/* Split mode on a function that allocates: a nonlinear relaxation that keeps its state in a malloc'd buffer,
 * allocates a fresh buffer every sweep (the old one is freed), and runs a number of sweeps known only at run
 * time. The forward half (__enzyme_augmentfwd) goes into a caller-provided tape of
 * __enzyme_augmentsize bytes (enzyme_allocated / enzyme_tape); the tape must then carry the loop caches of
 * unknown size and the values that the frees would otherwise destroy. Between the halves the caller
 * overwrites the input array and the output, so the reverse half (__enzyme_reverse) must use only the tape.
 * Also: a scalar-returning variant with an active scalar (enzyme_out), once with the engine's tape ({tape,
 * value} returned) and once with a caller tape (the value returned, the seed 2 passed to the reverse), and
 * several forward halves (one caller tape each, carved out of one pool) reversed in the opposite order with
 * different seeds. Each gradient is compared with __enzyme_autodiff and central finite differences; the
 * combined gradients get the dot-product test against __enzyme_fwddiff. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>
#include <string.h>

extern int enzyme_tape, enzyme_allocated;
void __enzyme_augmentfwd(void *, ...);
typedef struct { void *tape; double value; } TapeAndValue;
TapeAndValue __enzyme_augmentfwd_tv(void *, ...);
double __enzyme_augmentfwd_d(void *, ...);
void __enzyme_reverse(void *, ...);
double __enzyme_reverse_d(void *, ...);
int __enzyme_augmentsize(void *, ...);

#define N 7
#define SWEEPS 5

static volatile int runtime_sweeps = SWEEPS; /* the sweep count the requests pass is known only at run time */

/* out[0] = sum_i y_i^2 x_i + y_i, where y is x after `sweeps` relaxation sweeps. */
static void relax_energy(const double *x, double *out, double k, int n, int sweeps)
{
    double *y = malloc(sizeof(double) * (size_t)n);
    memcpy(y, x, sizeof(double) * (size_t)n);
    for (int s = 0; s < sweeps; s++) {
        double *next = malloc(sizeof(double) * (size_t)n);
        for (int i = 0; i < n; i++) {
            double left = y[(i + n - 1) % n], right = y[(i + 1) % n];
            next[i] = 0.5 * y[i] + 0.25 * (left + right) + k * sin(y[i]) * right;
        }
        free(y);
        y = next;
    }
    double e = 0.0;
    for (int i = 0; i < n; i++) e += y[i] * y[i] * x[i] + y[i];
    free(y);
    out[0] = e;
}

/* Same relaxation with an active rate and a scratch buffer reused across sweeps; returns the energy. */
static double relax_value(const double *x, double k, int n, int sweeps)
{
    double *y = malloc(sizeof(double) * (size_t)n), *scratch = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n; i++) y[i] = x[i];
    for (int s = 0; s < sweeps; s++) {
        for (int i = 0; i < n; i++) scratch[i] = y[i];
        for (int i = 0; i < n; i++) y[i] = scratch[i] + k * (scratch[(i + 1) % n] - scratch[i]) * exp(-scratch[i] * scratch[i]);
    }
    double e = 0.0;
    for (int i = 0; i < n; i++) e += y[i] * x[i] * k;
    free(scratch);
    free(y);
    return e;
}

static double energy_at(double *x, void *c)
{
    double out;
    relax_energy(x, &out, *(double *)c, N, SWEEPS);
    return out;
}
static double value_x(double *x, void *c) { return relax_value(x, *(double *)c, N, SWEEPS); }
static double value_k(double *k, void *c) { return relax_value((const double *)c, k[0], N, SWEEPS); }

int main(void)
{
    int sweeps = runtime_sweeps;
    rev_seed(4711);
    double k = 0.3, x[N], x_old[N], v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    memcpy(x_old, x, sizeof x);

    /* 1. Caller-provided tape; x and out overwritten between the halves. */
    double out = 0.0, dout = 1.7, dx[N] = {0};
    int size = __enzyme_augmentsize((void *)relax_energy, enzyme_dup, enzyme_dup, enzyme_const, enzyme_const, enzyme_const);
    check_true("augmentsize is positive", size > 0);
    void *tape = malloc((size_t)size);
    __enzyme_augmentfwd((void *)relax_energy, enzyme_allocated, size, enzyme_tape, tape, enzyme_dup, x, dx, enzyme_dup, &out, &dout,
                        enzyme_const, k, enzyme_const, N, enzyme_const, sweeps);
    check_close("augmented primal", out, energy_at(x, &k), 1e-14);
    for (int i = 0; i < N; i++) x[i] = 100.0 + i; /* the reverse must not read these */
    out = -1e30;
    __enzyme_reverse((void *)relax_energy, enzyme_allocated, size, enzyme_tape, tape, enzyme_dup, x, dx, enzyme_dup, &out, &dout,
                     enzyme_const, k, enzyme_const, N, enzyme_const, sweeps);
    free(tape);
    memcpy(x, x_old, sizeof x);
    double ref_out, ref_dout = 1.7, dx_ref[N] = {0};
    __enzyme_autodiff_v((void *)relax_energy, enzyme_dup, x, dx_ref, enzyme_dup, &ref_out, &ref_dout, enzyme_const, k, enzyme_const, N,
                        enzyme_const, sweeps);
    for (int i = 0; i < N; i++) check_close("split vs combined dx", dx[i], dx_ref[i], 1e-12);
    double g1[N];
    for (int i = 0; i < N; i++) g1[i] = dx[i] / 1.7;
    rev_check_grad("relax_energy dx", energy_at, &k, x, g1, N, REV_H, REV_TOL);
    double ov = 0.0, dov = 0.0;
    __enzyme_fwddiff_v((void *)relax_energy, enzyme_dup, x, v, enzyme_dup, &ov, &dov, enzyme_const, k, enzyme_const, N, enzyme_const, sweeps);
    rev_check_dot("relax_energy", 1.7 * dov, rev_dot(v, dx_ref, N));

    /* 2. Scalar result and an active rate: {tape, value}, then the seed and the tape; dk is returned. */
    double dy[N] = {0};
    TapeAndValue tv = __enzyme_augmentfwd_tv((void *)relax_value, enzyme_dup, x, dy, enzyme_out, k, enzyme_const, N, enzyme_const, sweeps);
    check_close("augmented value", tv.value, relax_value(x, k, N, SWEEPS), 1e-14);
    for (int i = 0; i < N; i++) x[i] = -3.0 * i;
    double dk = __enzyme_reverse_d((void *)relax_value, enzyme_dup, x, dy, enzyme_out, k, enzyme_const, N, enzyme_const, sweeps, 1.0, tv.tape);
    memcpy(x, x_old, sizeof x);
    double dy_ref[N] = {0};
    double dk_ref = __enzyme_autodiff((void *)relax_value, enzyme_dup, x, dy_ref, enzyme_out, k, enzyme_const, N, enzyme_const, sweeps);
    for (int i = 0; i < N; i++) check_close("split vs combined dy", dy[i], dy_ref[i], 1e-12);
    check_close("split vs combined dk", dk, dk_ref, 1e-12);
    rev_check_grad("relax_value dx", value_x, &k, x, dy, N, REV_H, REV_TOL);
    double karr[1] = {k};
    rev_check_grad("relax_value dk", value_k, x, karr, &dk, 1, REV_H, REV_TOL);
    double vk = rev_rand();
    rev_check_dot("relax_value", __enzyme_fwddiff((void *)relax_value, enzyme_dup, x, v, k, vk, enzyme_const, N, enzyme_const, sweeps),
                  rev_dot(v, dy_ref, N) + vk * dk_ref);

    /* 2b. The same with a caller-provided tape: the augmented call then returns just the value. */
    double dyb[N] = {0};
    int vsize = __enzyme_augmentsize((void *)relax_value, enzyme_dup, enzyme_out, enzyme_const, enzyme_const);
    void *vtape = malloc((size_t)vsize);
    double value = __enzyme_augmentfwd_d((void *)relax_value, enzyme_allocated, vsize, enzyme_tape, vtape, enzyme_dup, x, dyb, enzyme_out, k,
                                         enzyme_const, N, enzyme_const, sweeps);
    check_close("augmented value (caller tape)", value, relax_value(x, k, N, SWEEPS), 1e-14);
    for (int i = 0; i < N; i++) x[i] = 1e6;
    double dkb = __enzyme_reverse_d((void *)relax_value, enzyme_allocated, vsize, enzyme_tape, vtape, enzyme_dup, x, dyb, enzyme_out, k,
                                    enzyme_const, N, enzyme_const, sweeps, 2.0);
    free(vtape);
    memcpy(x, x_old, sizeof x);
    check_close("caller tape: dk = 2 dk_ref", dkb, 2.0 * dk_ref, 1e-12);
    for (int i = 0; i < N; i++) check_close("caller tape: dy = 2 dy_ref", dyb[i], 2.0 * dy_ref[i], 1e-12);

    /* 3. Three forward halves at different inputs, each into its own slice of one pool, reversed 2, 1, 0. */
    char *pool = malloc((size_t)size * 3);
    double xs[3][N], outs[3], douts[3], dxs[3][N];
    for (int t = 0; t < 3; t++) {
        for (int i = 0; i < N; i++) { xs[t][i] = x_old[i] * (1.0 + 0.1 * t); dxs[t][i] = 0.0; }
        douts[t] = t + 1.0;
        __enzyme_augmentfwd((void *)relax_energy, enzyme_allocated, size, enzyme_tape, pool + (size_t)size * t, enzyme_dup, xs[t], dxs[t],
                            enzyme_dup, &outs[t], &douts[t], enzyme_const, k, enzyme_const, N, enzyme_const, sweeps);
    }
    for (int t = 2; t >= 0; t--) {
        for (int i = 0; i < N; i++) xs[t][i] = 0.0;
        __enzyme_reverse((void *)relax_energy, enzyme_allocated, size, enzyme_tape, pool + (size_t)size * t, enzyme_dup, xs[t], dxs[t],
                         enzyme_dup, &outs[t], &douts[t], enzyme_const, k, enzyme_const, N, enzyme_const, sweeps);
    }
    free(pool);
    for (int t = 0; t < 3; t++) {
        double xt[N], d1[N] = {0}, o, d = t + 1.0;
        for (int i = 0; i < N; i++) xt[i] = x_old[i] * (1.0 + 0.1 * t);
        __enzyme_autodiff_v((void *)relax_energy, enzyme_dup, xt, d1, enzyme_dup, &o, &d, enzyme_const, k, enzyme_const, N, enzyme_const, sweeps);
        for (int i = 0; i < N; i++) {
            char what[48];
            snprintf(what, sizeof what, "pooled tape %d dx[%d]", t, i);
            check_close(what, dxs[t][i], d1[i], 1e-12);
        }
    }
    return corpus_exit();
}
