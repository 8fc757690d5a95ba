/* sin and cos of the same angle in one block (rotations): the derivative of each reuses the
 * other's primal value instead of calling the function again. In a loop, in a branch, in float,
 * and with an angle that is itself computed in the block. */
#include "enzyme_reverse_test.h"

static double rotate_all(const double *x, int n)
{
    double px = 1.0, py = 0.0, s = 0.0;
    for (int i = 0; i < n; i++) {
        double t = x[i] * x[(i + 1) % n] + 0.3;
        double c = cos(t), sn = sin(t);
        double qx = c * px - sn * py, qy = sn * px + c * py;
        px = qx;
        py = qy;
        if (x[i] > 0.0) {
            double u = sin(x[i]), v = cos(x[i]);
            s += u * v * px;
        }
        s += py * py;
    }
    return s + px;
}

static float rotate_float(const float *a, int n)
{
    float s = 0.0f;
    for (int i = 0; i < n; i++) {
        float t = 0.5f * a[i];
        s += cosf(t) * a[(i + 2) % n] + sinf(t) * cosf(t);
    }
    return s;
}

static double wrot(double *x, void *c) { return rotate_all(x, *(int *)c); }

int main(void)
{
    rev_seed(4242);
    int n = 6;
    double x[6], dx[6] = {0}, v[6];
    rev_rand_fill(x, 6);
    rev_rand_fill(v, 6);
    double w = rev_rand();
    __enzyme_autodiff_v((void *)rotate_all, x, dx, n);
    rev_check_grad("rotate", wrot, &n, x, dx, 6, REV_H, REV_TOL);
    rev_check_dot("rotate", w * __enzyme_fwddiff((void *)rotate_all, x, v, n), w * rev_dot(v, dx, 6));

    float a[6], da[6] = {0};
    for (int i = 0; i < 6; i++) a[i] = (float)x[i];
    __enzyme_autodiff_v((void *)rotate_float, a, da, n);
    for (int i = 0; i < 6; i++) {
        float t = 0.5f * a[i];
        /* d/da_i: own angle, plus a_i as the multiplier of the cos of angle (i - 2) mod n */
        double expected = 0.5 * (-sin(t) * a[(i + 2) % n] + cos(2.0 * t)) + cos(0.5 * a[(i + 4) % n]);
        check_close("rotate float", da[i], expected, 2e-5);
    }
    return corpus_exit();
}
