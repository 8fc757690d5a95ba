/* single_precision: float gradients of a real(4) Fortran function (matmul and sum in single precision),
 * checked against central differences taken in float with a step and tolerance suited to it, and the
 * primal against the same formula evaluated in double. */
#include "enzyme_reverse_test.h"

#define N 4
#define TOTAL (N * N + N)

float single_loss(int n, const float *a, const float *x);

/* a (column-major) followed by x, as doubles for the checking helpers. */
static double loss_of(double *input, void *unused)
{
    (void)unused;
    float values[TOTAL];
    for (int i = 0; i < TOTAL; i++) values[i] = (float)input[i];
    return single_loss(N, values, values + N * N);
}

int main(void)
{
    rev_seed(37);
    float values[TOTAL], grad[TOTAL] = {0}, v[TOTAL];
    double input[TOTAL], gradd[TOTAL];
    for (int i = 0; i < TOTAL; i++) {
        values[i] = (float)rev_rand();
        v[i] = (float)rev_rand();
        input[i] = values[i];
    }
    double expected = 0;
    for (int i = 0; i < N; i++) {
        double yi = 0;
        for (int k = 0; k < N; k++) yi += input[k * N + i] * input[N * N + k];
        expected += yi * yi + 0.5 * sin(input[N * N + i]) + 0.1 * input[i * N + i] * input[N * N + i];
    }
    check_close("primal", single_loss(N, values, values + N * N), expected, 1e-5);

    __enzyme_autodiff_v((void *)single_loss, N, values, grad, values + N * N, grad + N * N);
    for (int i = 0; i < TOTAL; i++) gradd[i] = grad[i];
    rev_check_grad("d(a,x)", loss_of, NULL, input, gradd, TOTAL, 1e-2, 2e-3);

    float tangent = __enzyme_fwddiff_f((void *)single_loss, N, values, v, values + N * N, v + N * N);
    double vjtw = 0;
    for (int i = 0; i < TOTAL; i++) vjtw += (double)v[i] * grad[i];
    check_close("forward vs reverse", tangent, vjtw, 1e-5);
    return corpus_exit();
}
