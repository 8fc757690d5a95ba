/* Nested loops with run-time bounds, including a triangular inner loop and a break. */
#include "enzyme_test.h"

static double nested(const double *a, int n, int m)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        double row = 0.0;
        for (int j = 0; j < m; j++)
            row += a[i] * a[i] * (double)(j + 1) + sin(a[i] * j);
        s += row * a[(i + 1) % n];
    }
    return s;
}

static double triangular(const double *a, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++) {
            if (a[j] * a[i] > 10.0)
                break;
            s += a[i] * a[j];
        }
    return s;
}

typedef struct { int n, m; } Dims;
static double w_nested(double *v, void *c) { Dims *d = (Dims *)c; return nested(v, d->n, d->m); }
static double w_tri(double *v, void *c) { Dims *d = (Dims *)c; return triangular(v, d->n); }

int main(void)
{
    double a[5] = {0.3, -1.2, 2.2, 0.9, 3.1};
    double dir[5] = {1.0, 0.5, -0.25, 2.0, 0.1};
    Dims d = {5, 4};
    double da[5];
    for (int i = 0; i < 5; i++) da[i] = dir[i];
    check_close("nested", __enzyme_fwddiff((void *)nested, a, da, d.n, d.m), central_diff_dir(w_nested, &d, a, dir, 5, CORPUS_H), 1e-6);
    check_close("triangular", __enzyme_fwddiff((void *)triangular, a, da, d.n), central_diff_dir(w_tri, &d, a, dir, 5, CORPUS_H), 1e-6);
    for (int k = 0; k < 5; k++) {
        double e[5] = {0, 0, 0, 0, 0};
        e[k] = 1.0;
        double de[5] = {0, 0, 0, 0, 0};
        de[k] = 1.0;
        check_close("nested partial", __enzyme_fwddiff((void *)nested, a, de, 3, 2), central_diff_dir(w_nested, &(Dims){3, 2}, a, e, 5, CORPUS_H), 1e-6);
    }
    return corpus_exit();
}
