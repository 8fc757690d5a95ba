/* Integer arguments (no shadow), integer arithmetic feeding float code, float-to-int conversions. */
#include "enzyme_test.h"

static double mixed(int n, double x, long k, unsigned char c, double y, short s)
{
    double r = 0.0;
    for (int i = 0; i < n; i++)
        r += x * (double)(i % (int)c) + y / (double)(k + i);
    int q = (int)(x * 10.0); /* int conversion of an active value: constant derivative path */
    r += (double)q * y;
    return r * (double)s;
}

static double w_x(double x) { return mixed(5, x, 3L, 3, 1.7, -2); }
static double w_y(double y) { return mixed(5, 0.46, 3L, 3, y, -2); }

static double index_scale(const double *a, int i, int j) { return a[i] * a[j] * (double)(i - j); }

int main(void)
{
    check_close("d/dx", __enzyme_fwddiff((void *)mixed, 5, 0.46, 1.0, 3L, (unsigned char)3, 1.7, 0.0, (short)-2), central_diff(w_x, 0.46, CORPUS_H), 1e-6);
    check_close("d/dy", __enzyme_fwddiff((void *)mixed, 5, 0.46, 0.0, 3L, (unsigned char)3, 1.7, 1.0, (short)-2), central_diff(w_y, 1.7, CORPUS_H), 1e-6);
    double a[4] = {1.0, 2.0, 3.0, 4.0}, da[4] = {0.0, 1.0, 0.0, 0.0};
    check_close("index_scale", __enzyme_fwddiff((void *)index_scale, a, da, 1, 3), a[3] * -2.0, 1e-15);
    /* ints passed through explicit enzyme_const work too */
    check_close("index_scale const int", __enzyme_fwddiff((void *)index_scale, a, da, enzyme_const, 3, enzyme_const, 1), a[3] * 2.0, 1e-15);
    return corpus_exit();
}
