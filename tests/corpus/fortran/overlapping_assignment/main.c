/* overlapping_assignment: the updated array is checked against the same shift and reversal done in C,
 * and the gradient of f with respect to the input values of y (in-place: the shadow receives the adjoint
 * of the input) against central differences. */
#include "enzyme_reverse_test.h"
#include <string.h>

#define N 7

void shift_and_reverse(int n, double *y, double *f);

static double f_of(double *y0, void *unused)
{
    (void)unused;
    double y[N], f;
    memcpy(y, y0, sizeof y);
    shift_and_reverse(N, y, &f);
    return f;
}

int main(void)
{
    rev_seed(53);
    double y0[N], y[N], dy[N] = {0}, v[N], f, df = 1.0, expected[N], squared[N];
    rev_rand_fill(y0, N);
    rev_rand_fill(v, N);
    memcpy(y, y0, sizeof y);
    shift_and_reverse(N, y, &f);
    for (int i = 0; i < N; i++) squared[i] = y0[i] * y0[i];
    double shifted[N];
    shifted[0] = squared[0];
    for (int i = 1; i < N; i++) shifted[i] = squared[i - 1];
    for (int i = 0; i < N; i++) expected[i] = shifted[N - 1 - i];
    for (int i = 0; i < N; i++) check_close("y after", y[i], expected[i], 1e-15);

    memcpy(y, y0, sizeof y);
    __enzyme_autodiff_v((void *)shift_and_reverse, N, y, dy, &f, &df);
    rev_check_grad("dy", f_of, NULL, y0, dy, N, REV_H, REV_TOL);

    double tangent = 0.0, dv[N];
    memcpy(y, y0, sizeof y);
    memcpy(dv, v, sizeof dv);
    __enzyme_fwddiff_v((void *)shift_and_reverse, N, y, dv, &f, &tangent);
    rev_check_dot("shift_and_reverse", tangent, rev_dot(v, dy, N));
    return corpus_exit();
}
