/* A program over two translation units: main.c differentiates functions defined in kernel.c. */
#include "enzyme_test.h"

double kernel_energy(const double *x, int n, double k);
double kernel_scalar(double x);

double tail(double x) { return x * x * x / 6.0; }

/* a local function that calls the other unit */
static double combined(double a, double b)
{
    double x[3] = {a, a + b, 2.0 * b};
    return kernel_energy(x, 3, 2.5) * kernel_scalar(a);
}

static double w_energy(double *v, void *c) { (void)c; return kernel_energy(v, 4, 2.5); }
static double w_comb(double a) { return combined(a, 0.9); }

int main(void)
{
    double x[4] = {0.1, 1.3, 2.0, 3.4}, dir[4] = {1.0, -1.0, 0.5, 2.0}, dx[4] = {1.0, -1.0, 0.5, 2.0};
    check_close("kernel_energy", __enzyme_fwddiff((void *)kernel_energy, x, dx, 4, 2.5, 0.0), central_diff_dir(w_energy, 0, x, dir, 4, CORPUS_H), 1e-6);
    check_close("kernel_energy dk", __enzyme_fwddiff((void *)kernel_energy, enzyme_const, x, 4, 2.5, 1.0), kernel_energy(x, 4, 1.0) - log(1.01), 1e-12);
    check_close("kernel_scalar", __enzyme_fwddiff((void *)kernel_scalar, 0.8, 1.0), central_diff(kernel_scalar, 0.8, CORPUS_H), 1e-6);
    check_close("combined", __enzyme_fwddiff((void *)combined, 0.4, 1.0, 0.9, 0.0), central_diff(w_comb, 0.4, CORPUS_H), 1e-6);
    return corpus_exit();
}
