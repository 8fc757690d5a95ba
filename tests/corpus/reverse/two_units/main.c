/* two_units: main differentiates kernel_energy, defined (with a non-static helper) in kernel.c. */
#include "enzyme_reverse_test.h"

double kernel_energy(const double *x, int n, double k);

static double wx(double *x, void *k) { return kernel_energy(x, 7, *(double *)k); }

int main(void)
{
    rev_seed(81);
    double x[7], dx[7] = {0}, v[7], k = 0.8;
    rev_rand_fill(x, 7);
    rev_rand_fill(v, 7);
    double dk = __enzyme_autodiff((void *)kernel_energy, x, dx, 7, k);
    rev_check_grad("dx", wx, &k, x, dx, 7, REV_H, REV_TOL);
    check_close("dk", dk, (kernel_energy(x, 7, k + REV_H) - kernel_energy(x, 7, k - REV_H)) / (2 * REV_H), REV_TOL);
    double w = rev_rand(), vk = rev_rand();
    rev_check_dot("kernel", w * __enzyme_fwddiff((void *)kernel_energy, x, v, 7, k, vk), w * (rev_dot(v, dx, 7) + vk * dk));
    return corpus_exit();
}
