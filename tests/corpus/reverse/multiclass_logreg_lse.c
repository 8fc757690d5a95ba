/* Multinomial logistic regression training loss: logits = W x + b for a batch of samples, the softmax
 * cross-entropy computed through a stabilised log-sum-exp (running maximum found with fmax, then
 * log(sum exp(z - m)) + m), label smoothing (the target mixes the integer label with a uniform
 * distribution), class weights, and an L2 penalty. The integer labels are constant; the samples are an
 * active input too (adversarial-example style gradient). Gradient w.r.t. W, b, X and the penalty
 * (enzyme_out); closed form sum_k dL/db_k = 0 for the unweighted part; dot-product test. */
#include "enzyme_reverse_test.h"

#define C 5 /* classes */
#define F 4 /* features */
#define B 6 /* batch */

static const int labels[B] = {0, 3, 1, 4, 2, 3};
static const double class_weight[C] = {1.0, 0.5, 1.5, 1.0, 0.8};

static double logsumexp(const double *z, int n)
{
    double m = -INFINITY;
    for (int k = 0; k < n; k++) m = fmax(m, z[k]);
    double s = 0.0;
    for (int k = 0; k < n; k++) s += exp(z[k] - m);
    return m + log(s);
}

static double xent(const double *W, const double *b, const double *X, int batch, double l2)
{
    const double eps = 0.1;
    double loss = 0.0;
    for (int s = 0; s < batch; s++) {
        const double *x = X + s * F;
        double z[C];
        for (int k = 0; k < C; k++) {
            z[k] = b[k];
            for (int j = 0; j < F; j++) z[k] += W[k * F + j] * x[j];
        }
        double lse = logsumexp(z, C);
        double ls = 0.0;
        for (int k = 0; k < C; k++) {
            double target = (k == labels[s] ? 1.0 - eps : 0.0) + eps / C;
            ls -= target * (z[k] - lse);
        }
        loss += class_weight[labels[s]] * ls;
    }
    double reg = 0.0;
    for (int i = 0; i < C * F; i++) reg += W[i] * W[i];
    return loss / batch + l2 * reg;
}

#define NP (C * F + C + B * F)
static double wflat(double *p, void *l2) { return xent(p, p + C * F, p + C * F + C, B, *(double *)l2); }

int main(void)
{
    rev_seed(1616);
    double p[NP], grad[NP] = {0}, v[NP], l2 = 0.01;
    rev_rand_fill(p, NP);
    for (int i = 0; i < C * F; i++) p[i] *= 3.0; /* spread the logits so the max matters */
    rev_rand_fill(v, NP);
    double dl2 = __enzyme_autodiff((void *)xent, p, grad, p + C * F, grad + C * F, p + C * F + C, grad + C * F + C, B, l2);
    rev_check_grad("d(W,b,X)", wflat, &l2, p, grad, NP, REV_H, REV_TOL);
    double reg = 0.0;
    for (int i = 0; i < C * F; i++) reg += p[i] * p[i];
    check_close("dl2 = |W|^2", dl2, reg, 1e-13);
    double sb = 0.0;
    for (int k = 0; k < C; k++) sb += grad[C * F + k];
    check_close("sum of db is 0", sb, 0.0, 1e-13);

    double vl = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)xent, p, v, p + C * F, v + C * F, p + C * F + C, v + C * F + C, B, l2, vl);
    rev_check_dot("xent", w * jv, w * (rev_dot(v, grad, NP) + vl * dl2));
    return corpus_exit();
}
