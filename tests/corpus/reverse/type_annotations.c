/* Enzyme's type hints (__enzyme_double, __enzyme_integer, __enzyme_float, __enzyme_pointer) inside and outside
 * the differentiated function compute nothing: the engine removes them, and the gradient (closed form) and the
 * forward tangent (dot-product test against it) are those of the function without them. */
#include "enzyme_reverse_test.h"

void __enzyme_double(void *, size_t);
void __enzyme_integer(void *, size_t);
void __enzyme_float(void *, size_t);
void __enzyme_pointer(void *, size_t);

static double weighted(double *x, float *w, int *n)
{
    __enzyme_double(x, sizeof(double) * 3);
    __enzyme_integer(n, sizeof *n);
    __enzyme_float(w, sizeof(float) * 3);
    double *p = x;
    __enzyme_pointer(&p, sizeof p);
    double s = 0.0;
    for (int i = 0; i < *n; i++) s += w[i] * p[i] * p[i];
    return s;
}

int main(void)
{
    double x[3] = {0.5, -1.5, 2.0}, dx[3] = {0};
    float w[3] = {1.0f, 2.0f, 0.5f};
    int n = 3;
    __enzyme_double(x, sizeof x);
    __enzyme_autodiff((void *)weighted, enzyme_dup, x, dx, enzyme_const, w, enzyme_const, &n);
    for (int i = 0; i < 3; i++) check_close("d/dx of sum w x^2", dx[i], 2.0 * w[i] * x[i], 1e-15);
    double v[3] = {0.3, -0.2, 1.0};
    double jv = __enzyme_fwddiff((void *)weighted, enzyme_dup, x, v, enzyme_const, w, enzyme_const, &n);
    check_close("dot product", jv, rev_dot(dx, v, 3), 1e-14);
    return corpus_exit();
}
