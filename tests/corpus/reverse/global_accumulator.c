/* The differentiated function writes globals: a scalar accumulator reset and summed into by a helper, and a
 * global scratch array overwritten each call. Both get shadow globals (zero between calls), so repeated
 * gradients agree; an inactive global (a call counter, __enzyme_inactive_global) carries no derivative. */
#include "enzyme_reverse_test.h"

static double total;
static double scratch[5];
static int calls;
void *__enzyme_inactive_global[] = {&calls};

static void accumulate(double v) { total += v; }

static double f(const double *x, int n)
{
    calls++;
    total = 0.0;
    for (int i = 0; i < n; i++) {
        scratch[i] = sin(x[i]) * x[(i + 1) % n];
        accumulate(scratch[i] * scratch[i]);
    }
    double s = 0.0;
    for (int i = 0; i < n; i++) s += scratch[i] * total;
    return s + sqrt(total);
}

static double w(double *x, void *c)
{
    (void)c;
    return f(x, 5);
}

int main(void)
{
    rev_seed(17);
    double x[5], dx[5] = {0}, dx2[5] = {0}, v[5];
    rev_rand_fill(x, 5);
    rev_rand_fill(v, 5);
    __enzyme_autodiff_v((void *)f, enzyme_dup, x, dx, enzyme_const, 5);
    rev_check_grad("dx", w, 0, x, dx, 5, REV_H, REV_TOL);
    __enzyme_autodiff_v((void *)f, enzyme_dup, x, dx2, enzyme_const, 5);
    for (int i = 0; i < 5; i++) check_close("second gradient equals first", dx2[i], dx[i], 1e-14);
    double ww = rev_rand();
    rev_check_dot("f", ww * __enzyme_fwddiff((void *)f, enzyme_dup, x, v, enzyme_const, 5), ww * rev_dot(v, dx, 5));
    return corpus_exit();
}
