/* f64_methods: the gradient of Rust code using f64's methods against central differences, and forward
 * mode against reverse mode with the dot-product test. */
#include "enzyme_reverse_test.h"
#include <stddef.h>

#define N 9

double f64_methods(const double *x, size_t n);

static double methods_of(double *x, void *unused)
{
    (void)unused;
    return f64_methods(x, N);
}

int main(void)
{
    rev_seed(17);
    double x[N], grad[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff_v((void *)f64_methods, enzyme_dup, x, grad, enzyme_const, (size_t)N);
    rev_check_grad("d f64_methods", methods_of, NULL, x, grad, N, REV_H, REV_TOL);
    double jv = __enzyme_fwddiff((void *)f64_methods, enzyme_dup, x, v, enzyme_const, (size_t)N);
    rev_check_dot("f64_methods", jv, rev_dot(v, grad, N));
    return corpus_exit();
}
