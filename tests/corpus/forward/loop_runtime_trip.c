/* for loops whose trip count is a run-time integer argument; accumulation and products. */
#include "enzyme_test.h"

static double sum_powers(double x, int n)
{
    double s = 0.0, p = 1.0;
    for (int i = 0; i < n; i++) {
        p *= x;
        s += p / (double)(i + 1);
    }
    return s;
}

static double product(double x, int n)
{
    double r = 1.0;
    for (int i = 1; i <= n; i++)
        r *= (x + (double)i) / (double)i;
    return r;
}

static double ctx_sum(double x, void *c) { return sum_powers(x, *(int *)c); }
static double ctx_prod(double x, void *c) { return product(x, *(int *)c); }

int main(int argc, char **argv)
{
    (void)argv;
    for (int n = 0; n < 12; n += 1 + argc) { /* argc keeps n opaque to the optimiser */
        double x = 0.83;
        check_close("sum_powers", __enzyme_fwddiff((void *)sum_powers, x, 1.0, n), central_diff_ctx(ctx_sum, &n, x, CORPUS_H), 1e-6);
        check_close("product", __enzyme_fwddiff((void *)product, x, 1.0, n), central_diff_ctx(ctx_prod, &n, x, CORPUS_H), 1e-6);
        double closed = 0.0;
        for (int i = 1; i <= n; i++) closed += pow(x, i - 1);
        check_close("sum_powers closed", __enzyme_fwddiff((void *)sum_powers, x, 1.0, n), closed, 1e-13);
    }
    return corpus_exit();
}
