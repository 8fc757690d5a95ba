/* 1-D "valid" convolution followed by a ReLU-like softplus and a sum: gradient w.r.t. signal and kernel. */
#include "enzyme_reverse_test.h"

#define NS 16
#define NK 5

static double conv_loss(const double *s, const double *k, int ns, int nk)
{
    double L = 0.0;
    for (int i = 0; i + nk <= ns; i++) {
        double acc = 0.0;
        for (int j = 0; j < nk; j++) acc += s[i + j] * k[nk - 1 - j];
        L += log(1.0 + exp(acc)) * (1 + (i & 1));
    }
    return L;
}

static double ws(double *s, void *k) { return conv_loss(s, (const double *)k, NS, NK); }
static double wk(double *k, void *s) { return conv_loss((const double *)s, k, NS, NK); }

int main(void)
{
    rev_seed(96);
    double s[NS], ds[NS] = {0}, vs[NS], k[NK], dk[NK] = {0}, vk[NK];
    rev_rand_fill(s, NS);
    rev_rand_fill(vs, NS);
    rev_rand_fill(k, NK);
    rev_rand_fill(vk, NK);
    __enzyme_autodiff_v((void *)conv_loss, s, ds, k, dk, NS, NK);
    rev_check_grad("dsignal", ws, k, s, ds, NS, REV_H, REV_TOL);
    rev_check_grad("dkernel", wk, s, k, dk, NK, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("conv", w * __enzyme_fwddiff((void *)conv_loss, s, vs, k, vk, NS, NK), w * (rev_dot(vs, ds, NS) + rev_dot(vk, dk, NK)));
    return corpus_exit();
}
