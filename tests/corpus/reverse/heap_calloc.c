/* calloc'd accumulation buffers (zero-initialised) inside the function, accumulated into with +=, then freed. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

static double histogram_energy(const double *x, int n, int bins)
{
    double *acc = (double *)calloc(bins, sizeof(double));
    for (int i = 0; i < n; i++) acc[i % bins] += x[i] * sin(x[i]);
    double e = 0.0;
    for (int b = 0; b < bins; b++) e += acc[b] * acc[b];
    free(acc);
    return e;
}

typedef struct { int n, bins; } Ctx;
static double wh(double *x, void *c) { Ctx *k = (Ctx *)c; return histogram_energy(x, k->n, k->bins); }

int main(void)
{
    rev_seed(28);
    Ctx k = {14, 4};
    double x[14], dx[14] = {0}, v[14];
    rev_rand_fill(x, 14);
    rev_rand_fill(v, 14);
    __enzyme_autodiff_v((void *)histogram_energy, x, dx, k.n, k.bins);
    rev_check_grad("histogram", wh, &k, x, dx, 14, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("histogram", w * __enzyme_fwddiff((void *)histogram_energy, x, v, k.n, k.bins), w * rev_dot(v, dx, 14));
    return corpus_exit();
}
