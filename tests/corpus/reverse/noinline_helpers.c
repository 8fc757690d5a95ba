/* noinline helper functions (still inlined by the reverse engine): called from loops, taking pointers,
 * writing outputs through pointers, called from several sites. */
#include "enzyme_reverse_test.h"

__attribute__((noinline)) static double dot(const double *a, const double *b, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}
__attribute__((noinline)) static void scale_into(const double *a, double k, double *out, int n)
{
    for (int i = 0; i < n; i++) out[i] = k * a[i] + sin(a[i]);
}
__attribute__((noinline)) static double act(double x) { return x / (1.0 + fabs(x)); }

static double f(const double *x, const double *y, int n)
{
    double t[6];
    double s = 0.0;
    for (int r = 0; r < 3; r++) {
        scale_into(x, act(dot(x, y, n)) + r, t, n);
        s += dot(t, y, n) * act(t[r]);
    }
    return s + dot(x, x, n);
}

static double wx(double *x, void *c) { return f(x, (const double *)c, 6); }
static double wy(double *y, void *c) { return f((const double *)c, y, 6); }

int main(void)
{
    rev_seed(54);
    double x[6], y[6], dx[6] = {0}, dy[6] = {0}, vx[6], vy[6];
    rev_rand_fill(x, 6);
    rev_rand_fill(y, 6);
    rev_rand_fill(vx, 6);
    rev_rand_fill(vy, 6);
    __enzyme_autodiff_v((void *)f, x, dx, y, dy, 6);
    rev_check_grad("dx", wx, y, x, dx, 6, REV_H, REV_TOL);
    rev_check_grad("dy", wy, x, y, dy, 6, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("f", w * __enzyme_fwddiff((void *)f, x, vx, y, vy, 6), w * (rev_dot(vx, dx, 6) + rev_dot(vy, dy, 6)));
    return corpus_exit();
}
