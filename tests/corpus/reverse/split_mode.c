/* Split mode: __enzyme_augmentfwd runs the forward sweep and returns a tape, __enzyme_reverse later runs the
 * reverse sweep with it. Covers a caller-provided tape (__enzyme_augmentsize, enzyme_allocated, enzyme_tape),
 * a function returning a double ({tape, result} from the augmented call, the result's adjoint passed to the
 * reverse call, an enzyme_out scalar's adjoint returned), the caller overwriting the inputs between the two
 * halves, and one tape per iteration of a loop. Each gradient is compared with __enzyme_autodiff and central
 * finite differences. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

extern int enzyme_tape, enzyme_allocated;
void __enzyme_augmentfwd(void *, ...);
void *__enzyme_augmentfwd_ptr(void *, ...);
typedef struct { void *tape; double value; } TapeAndValue;
TapeAndValue __enzyme_augmentfwd_tv(void *, ...);
void __enzyme_reverse(void *, ...);
double __enzyme_reverse_d(void *, ...);
int __enzyme_augmentsize(void *, ...);

static void func(double *V, double *x)
{
    V[0] = x[0] * x[0] + 3 * x[1] + 5;
    V[1] = x[0] * x[1] + 3 * x[2] * x[1];
    V[2] = sin(x[2]) * x[2] * x[2];
}

static double g(const double *x, double a, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += exp(a * x[i]) * x[(i + 1) % n];
    return s / (1.0 + a * a);
}

static double gx(double *x, void *c) { return g(x, *(double *)c, 4); }
static double ga(double *a, void *c) { return g((const double *)c, a[0], 4); }

int main(void)
{
    rev_seed(23);

    /* 1. Caller-provided tape, inputs overwritten between the halves. */
    double V[3], dV[3], x[3], dx[3] = {0}, x_ref[3], dx_ref[3] = {0}, V_ref[3], dV_ref[3];
    rev_rand_fill(x, 3);
    rev_rand_fill(dV, 3);
    double seed[3];
    for (int i = 0; i < 3; i++) { x_ref[i] = x[i]; dV_ref[i] = dV[i]; seed[i] = dV[i]; }
    int size = __enzyme_augmentsize((void *)func, enzyme_dup, enzyme_dup);
    void *data = malloc((size_t)size);
    __enzyme_augmentfwd((void *)func, enzyme_allocated, size, enzyme_tape, data, enzyme_dup, V, dV, enzyme_dup, x, dx);
    double saved[3];
    for (int i = 0; i < 3; i++) { saved[i] = x[i]; x[i] = 1e3 + i; }
    __enzyme_reverse((void *)func, enzyme_allocated, size, enzyme_tape, data, enzyme_dup, V, dV, enzyme_dup, x, dx);
    for (int i = 0; i < 3; i++) x[i] = saved[i];
    free(data);
    __enzyme_autodiff_v((void *)func, enzyme_dup, V_ref, dV_ref, enzyme_dup, x_ref, dx_ref);
    for (int i = 0; i < 3; i++) check_close("func dx (split vs combined)", dx[i], dx_ref[i], 1e-12);
    check_close("func dx[2] closed form", dx[2], seed[2] * (cos(x[2]) * x[2] * x[2] + 2 * sin(x[2]) * x[2]) + seed[1] * 3 * x[1], 1e-12);

    /* 2. A double result: {tape, value}, then the result's adjoint and the tape; the scalar's adjoint is returned. */
    double y[4], dy[4] = {0}, a = 0.4;
    rev_rand_fill(y, 4);
    TapeAndValue tv = __enzyme_augmentfwd_tv((void *)g, enzyme_dup, y, dy, enzyme_out, a, enzyme_const, 4);
    check_close("augmented result", tv.value, g(y, a, 4), 1e-15);
    double da = __enzyme_reverse_d((void *)g, enzyme_dup, y, dy, enzyme_out, a, enzyme_const, 4, 1.0, tv.tape);
    rev_check_grad("g dy", gx, &a, y, dy, 4, REV_H, REV_TOL);
    double arr[1] = {a};
    rev_check_grad("g da", ga, y, arr, &da, 1, REV_H, REV_TOL);

    /* 3. One tape per iteration, reversed in the opposite order, seeds 1..3. */
    void *tapes[3];
    double dz[4] = {0}, dz_ref[4] = {0};
    for (int k = 0; k < 3; k++) tapes[k] = __enzyme_augmentfwd_ptr((void *)g, enzyme_dup, y, dz, enzyme_const, a + k, enzyme_const, 4);
    for (int k = 2; k >= 0; k--) __enzyme_reverse((void *)g, enzyme_dup, y, dz, enzyme_const, a + k, enzyme_const, 4, (double)(k + 1), tapes[k]);
    for (int k = 0; k < 3; k++) {
        double d1[4] = {0};
        __enzyme_autodiff_v((void *)g, enzyme_dup, y, d1, enzyme_const, a + k, enzyme_const, 4);
        for (int i = 0; i < 4; i++) dz_ref[i] += (k + 1) * d1[i];
    }
    for (int i = 0; i < 4; i++) check_close("sum of seeded split gradients", dz[i], dz_ref[i], 1e-12);
    return corpus_exit();
}
