/* vec_growth: the gradient of a Rust function that grows a Vec with push (realloc) against central
 * differences, and forward mode against reverse mode with the dot-product test. */
#include "enzyme_reverse_test.h"
#include <stddef.h>

#define N 23

double grown_features(const double *x, size_t n);

static double features_of(double *x, void *unused)
{
    (void)unused;
    return grown_features(x, N);
}

int main(void)
{
    rev_seed(5);
    double x[N], grad[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff_v((void *)grown_features, enzyme_dup, x, grad, enzyme_const, (size_t)N);
    rev_check_grad("d grown_features", features_of, NULL, x, grad, N, REV_H, REV_TOL);
    double jv = __enzyme_fwddiff((void *)grown_features, enzyme_dup, x, v, enzyme_const, (size_t)N);
    rev_check_dot("grown_features", jv, rev_dot(v, grad, N));
    return corpus_exit();
}
