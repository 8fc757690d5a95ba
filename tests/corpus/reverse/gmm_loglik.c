/* Log-likelihood of a small 1-D Gaussian mixture (K = 3) with log-sum-exp, gradient w.r.t. the weights'
 * logits, means and log-standard-deviations (one flat parameter vector) and the data points. */
#include "enzyme_reverse_test.h"

#define K 3
#define ND 8

static double loglik(const double *theta, const double *x, int n)
{
    const double *alpha = theta, *mu = theta + K, *logsig = theta + 2 * K;
    double amax = alpha[0];
    for (int k = 1; k < K; k++) if (alpha[k] > amax) amax = alpha[k];
    double z = 0.0;
    for (int k = 0; k < K; k++) z += exp(alpha[k] - amax);
    double lz = log(z) + amax;
    double L = 0.0;
    for (int i = 0; i < n; i++) {
        double t[K], m;
        for (int k = 0; k < K; k++) {
            double d = (x[i] - mu[k]) * exp(-logsig[k]);
            t[k] = alpha[k] - lz - logsig[k] - 0.5 * d * d - 0.91893853320467274;
        }
        m = t[0];
        for (int k = 1; k < K; k++) m = fmax(m, t[k]);
        double s = 0.0;
        for (int k = 0; k < K; k++) s += exp(t[k] - m);
        L += m + log(s);
    }
    return L;
}

static double wt(double *th, void *c) { return loglik(th, (const double *)c, ND); }
static double wx(double *x, void *c) { return loglik((const double *)c, x, ND); }

int main(void)
{
    rev_seed(65);
    double th[3 * K] = {0.2, -0.5, 0.1, -1.0, 0.3, 1.5, -0.2, 0.1, -0.4}, dth[3 * K] = {0}, vth[3 * K];
    double x[ND], dx[ND] = {0}, vx[ND];
    for (int i = 0; i < ND; i++) x[i] = 1.5 * rev_rand();
    rev_rand_fill(vth, 3 * K);
    rev_rand_fill(vx, ND);
    __enzyme_autodiff_v((void *)loglik, th, dth, x, dx, ND);
    rev_check_grad("dtheta", wt, x, th, dth, 3 * K, REV_H, REV_TOL);
    rev_check_grad("dx", wx, th, x, dx, ND, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("gmm", w * __enzyme_fwddiff((void *)loglik, th, vth, x, vx, ND), w * (rev_dot(vth, dth, 3 * K) + rev_dot(vx, dx, ND)));
    return corpus_exit();
}
