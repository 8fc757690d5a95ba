/* enzyme_dupnoneed on an output buffer: the primal values need not be written, the shadow still carries the
 * adjoint seed in and is consumed. Also enzyme_dup on an in/out buffer read before written. */
#include "enzyme_reverse_test.h"

static void squash(const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++) y[i] = x[i] * x[i] * sin(x[i]);
}

/* in/out: y = y * x + y^2 (reads then overwrites y) */
static void update(const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++) y[i] = y[i] * x[i] + y[i] * y[i];
}

int main(void)
{
    rev_seed(92);
    double x[6], dx[6] = {0}, y[6], dy[6], w[6];
    rev_rand_fill(x, 6);
    rev_rand_fill(w, 6);
    for (int i = 0; i < 6; i++) dy[i] = w[i];
    __enzyme_autodiff_v((void *)squash, x, dx, enzyme_dupnoneed, y, dy, 6);
    for (int i = 0; i < 6; i++) check_close("squash JTw", dx[i], w[i] * (2 * x[i] * sin(x[i]) + x[i] * x[i] * cos(x[i])), 1e-14);
    double v[6], ty[6];
    rev_rand_fill(v, 6);
    __enzyme_fwddiff_v((void *)squash, x, v, y, ty, 6);
    rev_check_dot("squash", rev_dot(ty, w, 6), rev_dot(v, dx, 6));

    double y0[6], yy[6], dyy[6], dx2[6] = {0};
    rev_rand_fill(y0, 6);
    for (int i = 0; i < 6; i++) { yy[i] = y0[i]; dyy[i] = w[i]; }
    __enzyme_autodiff_v((void *)update, x, dx2, yy, dyy, 6);
    for (int i = 0; i < 6; i++) {
        check_close("update dx", dx2[i], w[i] * y0[i], 1e-14);
        check_close("update dy_in", dyy[i], w[i] * (x[i] + 2 * y0[i]), 1e-14);
        check_close("update primal", yy[i], y0[i] * x[i] + y0[i] * y0[i], 1e-15);
    }
    double vy[6], tyy[6];
    rev_rand_fill(vy, 6);
    for (int i = 0; i < 6; i++) { yy[i] = y0[i]; tyy[i] = vy[i]; }
    __enzyme_fwddiff_v((void *)update, x, v, yy, tyy, 6);
    rev_check_dot("update", rev_dot(tyy, w, 6), rev_dot(v, dx2, 6) + rev_dot(vy, dyy, 6));
    return corpus_exit();
}
