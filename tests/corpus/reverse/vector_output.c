/* A vector-valued map R^5 -> R^3 that also returns a scalar: output array adjoints seeded by the user,
 * the returned value seeded with 1.0; the reverse call returns the adjoint of an enzyme_out scale. */
#include "enzyme_reverse_test.h"

static double features(const double *x, double *y, double scale)
{
    y[0] = scale * (x[0] * x[1] + x[2]);
    y[1] = exp(x[3] * 0.5) - x[4] * x[0];
    y[2] = scale * scale * sin(x[1] + x[4]);
    return x[0] + x[2] * x[3] * scale;
}

static double *gw;
static double wfx(double *x, void *s)
{
    double y[3];
    double r = features(x, y, *(double *)s);
    return r + rev_dot(y, gw, 3);
}

int main(void)
{
    rev_seed(104);
    double x[5], dx[5] = {0}, y[3], dy[3], w[3], v[5], ty[3], scale = 1.4;
    rev_rand_fill(x, 5);
    rev_rand_fill(w, 3);
    rev_rand_fill(v, 5);
    gw = w;
    for (int i = 0; i < 3; i++) dy[i] = w[i];
    double ds = __enzyme_autodiff((void *)features, x, dx, y, dy, scale);
    rev_check_grad("dx", wfx, &scale, x, dx, 5, REV_H, REV_TOL);
    double sp = scale + REV_H, sm = scale - REV_H;
    check_close("dscale", ds, (wfx(x, &sp) - wfx(x, &sm)) / (2 * REV_H), REV_TOL);
    check_true("dy zeroed", dy[0] == 0.0 && dy[1] == 0.0 && dy[2] == 0.0);
    /* dot test over (returned value, y): output adjoint (1, w) */
    double vs = rev_rand();
    double dr = __enzyme_fwddiff((void *)features, x, v, y, ty, scale, vs);
    rev_check_dot("features", dr + rev_dot(ty, w, 3), rev_dot(v, dx, 5) + vs * ds);
    return corpus_exit();
}
