/* Calls to non-inlined helper functions: by value, by pointer, returning structs, void helpers. */
#include "enzyme_test.h"

typedef struct { double re, im; } Complex;

__attribute__((noinline)) static Complex cmul(Complex a, Complex b)
{
    Complex r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
    return r;
}

__attribute__((noinline)) static void accumulate(double *acc, double v, double w)
{
    *acc += v * w;
}

__attribute__((noinline)) static double sq(double v) { return v * v; }

__attribute__((noinline)) static double dot(const double *a, const double *b, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* a helper whose result is used twice and a helper called with a constant argument */
static double f(double x)
{
    Complex z = {x, 0.5};
    Complex z2 = cmul(z, z);
    Complex z3 = cmul(z2, (Complex){1.0, -x});
    double acc = 0.0;
    accumulate(&acc, z3.re, sq(x));
    accumulate(&acc, z3.im, 2.0);
    double v[3] = {x, sq(x), 1.0};
    double c[3] = {1.0, 2.0, 3.0};
    return acc + dot(v, v, 3) + dot(v, c, 3) + sq(3.0);
}

int main(void)
{
    const double pts[] = {0.3, -1.4, 2.2};
    for (int i = 0; i < 3; i++)
        check_close("f", __enzyme_fwddiff((void *)f, pts[i], 1.0), central_diff(f, pts[i], CORPUS_H), 1e-6);
    return corpus_exit();
}
