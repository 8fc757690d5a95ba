/* Forward split: __enzyme_augmentfwd runs the primal once and records a tape; __enzyme_fwdsplit later computes
 * the tangents from the arguments' tangents and that tape, without running the primal again. Covers an in-place
 * update (the primal must not run twice), a function returning a double with a data-dependent branch in a loop
 * (a plain double argument: enzyme_out in the augmented call, value and tangent in the split call), the caller
 * overwriting the inputs between the halves, a caller-provided tape (__enzyme_augmentsize, enzyme_allocated,
 * enzyme_tape), and several tapes consumed in the opposite order. Tangents are compared with __enzyme_fwddiff,
 * closed forms and central finite differences. */
#include "enzyme_test.h"
#include <stdlib.h>
#include <string.h>

extern int enzyme_tape, enzyme_allocated, enzyme_out;
void *__enzyme_augmentfwd(void *, ...);
void __enzyme_augmentfwd_v(void *, ...);
typedef struct { void *tape; double value; } TapeAndValue;
TapeAndValue __enzyme_augmentfwd_tv(void *, ...);
double __enzyme_fwdsplit(void *, ...);
void __enzyme_fwdsplit_v(void *, ...);
int __enzyme_augmentsize(void *, ...);

static void scale_in_place(double *x, int n)
{
    for (int i = 0; i < n; i++)
        x[i] = sin(x[i]) * x[i] + 0.5 * x[i] * x[i];
}

static double g(const double *x, double a, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        if (x[i] > 0.0)
            s += exp(a * x[i]) * x[(i + 1) % n];
        else
            s -= log1p(x[i] * x[i]) * a;
    }
    return s / (1.0 + a * a);
}

static double g_of_a(double a, const double *x) { return g(x, a, 4); }

int main(void)
{
    /* 1. In place: the split call must give d(new x)/d(old x) and leave x as the augmented call left it. */
    double x[3] = {0.3, -1.2, 2.0}, x0[3], dx[3] = {1.0, -2.0, 0.5}, seeds[3];
    memcpy(x0, x, sizeof x);
    memcpy(seeds, dx, sizeof dx);
    void *tape = __enzyme_augmentfwd((void *)scale_in_place, enzyme_dup, x, dx, enzyme_const, 3);
    double after[3];
    memcpy(after, x, sizeof x);
    __enzyme_fwdsplit_v((void *)scale_in_place, enzyme_dup, x, dx, enzyme_const, 3, tape);
    for (int i = 0; i < 3; i++) {
        check_close("in place: primal ran once", x[i], after[i], 0.0);
        check_close("in place: tangent", dx[i], seeds[i] * (cos(x0[i]) * x0[i] + sin(x0[i]) + x0[i]), 1e-14);
    }

    /* 2. A double result, a plain double argument, and inputs overwritten between the halves. */
    double y[4] = {0.4, -0.7, 1.1, 0.2}, dy[4] = {0.3, 1.0, -0.5, 2.0}, a = 0.6, da = -1.5;
    double y_saved[4];
    memcpy(y_saved, y, sizeof y);
    TapeAndValue tv = __enzyme_augmentfwd_tv((void *)g, enzyme_dup, y, dy, a, enzyme_const, 4);
    check_close("augmented result", tv.value, g(y, a, 4), 1e-14);
    for (int i = 0; i < 4; i++) y[i] = 100.0 + i; /* the tangent must not see these */
    double split = __enzyme_fwdsplit((void *)g, enzyme_dup, y, dy, a, da, enzyme_const, 4, tv.tape);
    memcpy(y, y_saved, sizeof y);
    double full = __enzyme_fwddiff((void *)g, enzyme_dup, y, dy, a, da, enzyme_const, 4);
    check_close("split tangent vs fwddiff", split, full, 1e-14);
    double h = 1e-6, fd = 0.0;
    {
        double yp[4], ym[4];
        for (int i = 0; i < 4; i++) { yp[i] = y[i] + h * dy[i]; ym[i] = y[i] - h * dy[i]; }
        fd = (g(yp, a + h * da, 4) - g(ym, a - h * da, 4)) / (2 * h);
    }
    check_close("split tangent vs finite differences", split, fd, 1e-7);

    /* 3. A caller-provided tape: the buffer holds it between the calls. */
    int size = __enzyme_augmentsize((void *)g, enzyme_dup, enzyme_const);
    void *buffer = malloc((size_t)size);
    double dy0[4] = {0};
    __enzyme_augmentfwd_v((void *)g, enzyme_allocated, size, enzyme_tape, buffer, enzyme_dup, y, dy0, enzyme_const, a, enzyme_const, 4);
    double dy1[4] = {0, 0, 1, 0};
    double by_buffer = __enzyme_fwdsplit((void *)g, enzyme_allocated, size, enzyme_tape, buffer, enzyme_dup, y, dy1, enzyme_const, a, enzyme_const, 4);
    free(buffer);
    double y2p[4], y2m[4];
    memcpy(y2p, y, sizeof y);
    memcpy(y2m, y, sizeof y);
    y2p[2] += h;
    y2m[2] -= h;
    check_close("enzyme_tape buffer: dg/dy[2]", by_buffer, (g(y2p, a, 4) - g(y2m, a, 4)) / (2 * h), 1e-7);

    /* 4. Three tapes (a = 0.1, 0.2, 0.3) consumed in the opposite order: dg/da for each. */
    void *tapes[3];
    double none[4] = {0};
    for (int k = 0; k < 3; k++) tapes[k] = __enzyme_augmentfwd((void *)g, enzyme_dup, y, none, enzyme_out, 0.1 * (k + 1), enzyme_const, 4);
    for (int k = 2; k >= 0; k--) {
        double ak = 0.1 * (k + 1);
        double dga = __enzyme_fwdsplit((void *)g, enzyme_dup, y, none, ak, 1.0, enzyme_const, 4, tapes[k]);
        check_close("dg/da per tape", dga, (g_of_a(ak + h, y) - g_of_a(ak - h, y)) / (2 * h), 1e-7);
    }
    return corpus_exit();
}
