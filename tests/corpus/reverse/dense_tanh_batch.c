/* One hidden layer of a neural network trained on a batch: a Layer struct holds pointers to the active
 * weight matrix and bias, the forward pass applies tanh(W x + b) per sample in a batch loop with a
 * runtime batch size, a residual connection adds the input back (square layer), a linear read-out
 * vector gives the prediction, and the loss is mean squared error plus weight decay. Gradient w.r.t. W,
 * b, the read-out and the inputs (through the shadow Layer struct); closed form for the read-out
 * gradient; dot-product test. */
#include "enzyme_reverse_test.h"

#define D 5

typedef struct {
    const double *W; /* D x D, row-major */
    const double *b; /* D */
} Layer;

static double train_loss(const Layer *layer, const double *readout, const double *X, const double *y, int batch, double decay)
{
    double loss = 0.0;
    for (int s = 0; s < batch; s++) {
        const double *x = X + s * D;
        double h[D];
        for (int i = 0; i < D; i++) {
            double a = layer->b[i];
            for (int j = 0; j < D; j++) a += layer->W[i * D + j] * x[j];
            h[i] = tanh(a) + x[i];
        }
        double pred = 0.0;
        for (int i = 0; i < D; i++) pred += readout[i] * h[i];
        double e = pred - y[s];
        loss += e * e;
    }
    double reg = 0.0;
    for (int i = 0; i < D * D; i++) reg += layer->W[i] * layer->W[i];
    return loss / batch + decay * reg;
}

#define B 7
#define NP (D * D + D + D + B * D)
static double ytarget[B];
static double wflat(double *p, void *c)
{
    (void)c;
    Layer l = {p, p + D * D};
    return train_loss(&l, p + D * D + D, p + D * D + 2 * D, ytarget, B, 1e-3);
}

int main(void)
{
    rev_seed(1620);
    double p[NP], grad[NP] = {0}, v[NP];
    rev_rand_fill(p, NP);
    rev_rand_fill(ytarget, B);
    rev_rand_fill(v, NP);
    Layer l = {p, p + D * D}, dl = {grad, grad + D * D};
    __enzyme_autodiff_v((void *)train_loss, &l, &dl, p + D * D + D, grad + D * D + D, p + D * D + 2 * D, grad + D * D + 2 * D,
                        enzyme_const, ytarget, B, enzyme_const, 1e-3);
    rev_check_grad("d(W,b,readout,X)", wflat, 0, p, grad, NP, REV_H, REV_TOL);

    /* closed form: dL/dreadout_i = 2/B sum_s e_s h_si */
    double closed[D] = {0};
    for (int s = 0; s < B; s++) {
        double h[D], pred = 0.0;
        for (int i = 0; i < D; i++) {
            double a = p[D * D + i];
            for (int j = 0; j < D; j++) a += p[i * D + j] * p[D * D + 2 * D + s * D + j];
            h[i] = tanh(a) + p[D * D + 2 * D + s * D + i];
            pred += p[D * D + D + i] * h[i];
        }
        for (int i = 0; i < D; i++) closed[i] += 2.0 / B * (pred - ytarget[s]) * h[i];
    }
    for (int i = 0; i < D; i++) check_close("dreadout closed", grad[D * D + D + i], closed[i], 1e-13);

    double w = rev_rand();
    Layer vl = {v, v + D * D};
    double jv = __enzyme_fwddiff((void *)train_loss, &l, &vl, p + D * D + D, v + D * D + D, p + D * D + 2 * D, v + D * D + 2 * D,
                                 enzyme_const, ytarget, B, enzyme_const, 1e-3);
    rev_check_dot("dense layer", w * jv, w * rev_dot(v, grad, NP));
    return corpus_exit();
}
