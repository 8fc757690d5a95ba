/* Values overwritten in place: x[i] = x[i]*x[i] repeated, so every step's old value must be recovered. */
#include "enzyme_reverse_test.h"

static double square_rounds(double *x, int n, int rounds)
{
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < n; i++) x[i] = x[i] * x[i];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i];
    return s;
}

/* scalar local overwritten repeatedly */
static double scalar_rounds(double a, int rounds)
{
    for (int r = 0; r < rounds; r++) a = a * a - 0.5 * a;
    return a;
}

static double ws(double *x, void *c) { double t[6]; for (int i = 0; i < 6; i++) t[i] = x[i]; (void)c; return square_rounds(t, 6, 3); }

int main(void)
{
    rev_seed(52);
    double x0[6] = {0.9, -1.1, 1.05, 0.5, -0.8, 1.2}, x[6], dx[6] = {0}, v[6], tx[6];
    for (int i = 0; i < 6; i++) x[i] = x0[i];
    __enzyme_autodiff_v((void *)square_rounds, x, dx, 6, 3);
    for (int i = 0; i < 6; i++) check_close("closed 8x^7", dx[i], 8.0 * pow(x0[i], 7), 1e-13);
    check_close("primal overwritten", x[1], pow(x0[1], 8), 1e-14);
    rev_check_grad("square_rounds", ws, 0, x0, dx, 6, REV_H, REV_TOL);
    rev_rand_fill(v, 6);
    double w = rev_rand();
    for (int i = 0; i < 6; i++) { x[i] = x0[i]; tx[i] = v[i]; }
    rev_check_dot("square_rounds", w * __enzyme_fwddiff((void *)square_rounds, x, tx, 6, 3), w * rev_dot(v, dx, 6));

    double g = __enzyme_autodiff((void *)scalar_rounds, 1.3, 4);
    double fd = (scalar_rounds(1.3 + REV_H, 4) - scalar_rounds(1.3 - REV_H, 4)) / (2 * REV_H);
    check_close("scalar_rounds", g, fd, REV_TOL);
    rev_check_dot("scalar_rounds", w * __enzyme_fwddiff((void *)scalar_rounds, 1.3, v[0], 4), w * v[0] * g);
    return corpus_exit();
}
