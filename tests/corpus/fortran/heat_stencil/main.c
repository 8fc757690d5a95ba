/* heat_stencil: gradient of a time-stepped heat-equation loss with respect to the initial profile and the
 * diffusivity (kappa is read through a pointer and duplicated), against central differences and the
 * dot-product test; the primal is checked against the same stencil in C. */
#include "enzyme_reverse_test.h"

#define N 12
#define STEPS 40

void heat_loss(int n, int nt, const double *u0, const double *kappa, const double *target, double *loss);

static double target[N];

/* u0 followed by kappa. */
static double loss_of(double *input, void *unused)
{
    (void)unused;
    double loss;
    heat_loss(N, STEPS, input, input + N, target, &loss);
    return loss;
}

static double reference(const double *u0, double kappa)
{
    double u[N + 2] = {0}, next[N + 2] = {0}, r = kappa * 0.4, loss = 0;
    for (int i = 0; i < N; i++) u[i + 1] = u0[i];
    for (int s = 0; s < STEPS; s++) {
        for (int i = 1; i <= N; i++) next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
        for (int i = 1; i <= N; i++) u[i] = next[i];
    }
    for (int i = 0; i < N; i++) loss += 0.5 * (u[i + 1] - target[i]) * (u[i + 1] - target[i]);
    return loss;
}

int main(void)
{
    rev_seed(13);
    double input[N + 1], grad[N + 1] = {0}, v[N + 1], loss, dloss = 1.0;
    for (int i = 0; i < N; i++) {
        input[i] = sin(3.14159265358979 * (i + 1) / (N + 1)) + 0.1 * rev_rand();
        target[i] = 0.5 * sin(3.14159265358979 * (i + 1) / (N + 1));
    }
    input[N] = 0.9;
    rev_rand_fill(v, N + 1);
    check_close("primal", loss_of(input, NULL), reference(input, input[N]), 1e-12);

    __enzyme_autodiff_v((void *)heat_loss, N, STEPS, input, grad, input + N, grad + N, enzyme_const, target, &loss, &dloss);
    rev_check_grad("d(u0,kappa)", loss_of, NULL, input, grad, N + 1, REV_H, REV_TOL);

    double tangent = 0.0;
    __enzyme_fwddiff_v((void *)heat_loss, N, STEPS, input, v, input + N, v + N, enzyme_const, target, &loss, &tangent);
    rev_check_dot("heat_loss", tangent, rev_dot(v, grad, N + 1));
    return corpus_exit();
}
