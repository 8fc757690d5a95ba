/* Softmax cross-entropy with the max-subtraction trick (the max is a data-dependent select), batch of rows. */
#include "enzyme_reverse_test.h"

#define C 6
#define B 4

static double xent(const double *logits, const int *labels, int batch)
{
    double L = 0.0;
    for (int b = 0; b < batch; b++) {
        const double *z = logits + b * C;
        double m = z[0];
        for (int c = 1; c < C; c++) m = z[c] > m ? z[c] : m;
        double s = 0.0;
        for (int c = 0; c < C; c++) s += exp(z[c] - m);
        L += log(s) + m - z[labels[b]];
    }
    return L / batch;
}

static double wx(double *z, void *c) { return xent(z, (const int *)c, B); }

int main(void)
{
    rev_seed(56);
    double z[B * C], dz[B * C] = {0}, v[B * C];
    int labels[B] = {2, 0, 5, 3};
    for (int i = 0; i < B * C; i++) z[i] = 3.0 * rev_rand();
    rev_rand_fill(v, B * C);
    __enzyme_autodiff_v((void *)xent, z, dz, enzyme_const, labels, B);
    rev_check_grad("dlogits", wx, labels, z, dz, B * C, REV_H, REV_TOL);
    /* closed form: (softmax - onehot) / B */
    for (int b = 0; b < B; b++) {
        double s = 0.0;
        for (int c = 0; c < C; c++) s += exp(z[b * C + c]);
        for (int c = 0; c < C; c++)
            check_close("closed", dz[b * C + c], (exp(z[b * C + c]) / s - (c == labels[b])) / B, 1e-14);
    }
    double w = rev_rand();
    rev_check_dot("xent", w * __enzyme_fwddiff((void *)xent, z, v, enzyme_const, labels, B), w * rev_dot(v, dz, B * C));
    return corpus_exit();
}
