/* Numerically stable softmax and logsumexp (max-shifted), with the max found by a data-dependent loop. */
#include "enzyme_test.h"

static double logsumexp(const double *x, int n)
{
    double m = x[0];
    for (int i = 1; i < n; i++)
        if (x[i] > m) m = x[i];
    double s = 0.0;
    for (int i = 0; i < n; i++) s += exp(x[i] - m);
    return m + log(s);
}

static void softmax(const double *x, double *y, int n)
{
    double lse = logsumexp(x, n);
    for (int i = 0; i < n; i++) y[i] = exp(x[i] - lse);
}

int main(void)
{
    double x[5] = {0.3, 2.1, -1.0, 1.9, 0.0}, dir[5] = {1.0, -0.5, 0.25, 2.0, -1.0}, dx[5];
    for (int i = 0; i < 5; i++) dx[i] = dir[i];
    double y[5], dy[5];
    softmax(x, y, 5);
    /* d lse = sum softmax_i dx_i */
    double expected = 0.0;
    for (int i = 0; i < 5; i++) expected += y[i] * dir[i];
    check_close("logsumexp", __enzyme_fwddiff((void *)logsumexp, x, dx, 5), expected, 1e-14);
    __enzyme_fwddiff_v((void *)softmax, x, dx, y, dy, 5);
    for (int i = 0; i < 5; i++)
        check_close("softmax jvp", dy[i], y[i] * (dir[i] - expected), 1e-14);
    double sum = 0.0;
    for (int i = 0; i < 5; i++) sum += dy[i];
    check_close("softmax tangents sum to 0", sum, 0.0, 1e-14);
    return corpus_exit();
}
