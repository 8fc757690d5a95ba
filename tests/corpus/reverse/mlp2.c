/* A tiny 2-layer MLP (4 -> 5 tanh -> 3 linear) with squared-error loss over a small batch; gradient w.r.t.
 * all weights and biases in one flat parameter vector, plus the input of one sample. */
#include "enzyme_reverse_test.h"

#define NI 4
#define NH 5
#define NO 3
#define NB 3
#define NP (NH * NI + NH + NO * NH + NO)

static double loss(const double *p, const double *x, const double *t, int batch)
{
    const double *W1 = p, *b1 = p + NH * NI, *W2 = b1 + NH, *b2 = W2 + NO * NH;
    double L = 0.0;
    for (int s = 0; s < batch; s++) {
        double h[NH];
        for (int j = 0; j < NH; j++) {
            double a = b1[j];
            for (int i = 0; i < NI; i++) a += W1[j * NI + i] * x[s * NI + i];
            h[j] = tanh(a);
        }
        for (int k = 0; k < NO; k++) {
            double o = b2[k];
            for (int j = 0; j < NH; j++) o += W2[k * NH + j] * h[j];
            double e = o - t[s * NO + k];
            L += 0.5 * e * e;
        }
    }
    return L / batch;
}

static double *gx, *gt, *gp;
static double wp(double *p, void *c) { (void)c; return loss(p, gx, gt, NB); }
static double wxin(double *x, void *c) { (void)c; return loss(gp, x, gt, NB); }

int main(void)
{
    rev_seed(55);
    double p[NP], dp[NP] = {0}, x[NB * NI], dx[NB * NI] = {0}, t[NB * NO], vp[NP], vx[NB * NI];
    rev_rand_fill(p, NP);
    rev_rand_fill(x, NB * NI);
    rev_rand_fill(t, NB * NO);
    rev_rand_fill(vp, NP);
    rev_rand_fill(vx, NB * NI);
    gx = x; gt = t; gp = p;
    __enzyme_autodiff_v((void *)loss, p, dp, x, dx, enzyme_const, t, NB);
    rev_check_grad("dparams", wp, 0, p, dp, NP, REV_H, REV_TOL);
    rev_check_grad("dinputs", wxin, 0, x, dx, NB * NI, REV_H, REV_TOL);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)loss, p, vp, x, vx, enzyme_const, t, NB);
    rev_check_dot("loss", w * jv, w * (rev_dot(vp, dp, NP) + rev_dot(vx, dx, NB * NI)));
    return corpus_exit();
}
