/* Direct recursion: a recursive power, a recursive polynomial evaluation, binary splitting sum. */
#include "enzyme_test.h"

static double rpow(double x, int n)
{
    if (n == 0)
        return 1.0;
    if (n % 2 == 0) {
        double h = rpow(x, n / 2);
        return h * h;
    }
    return x * rpow(x, n - 1);
}

static double split_sum(const double *a, int lo, int hi)
{
    if (hi - lo == 1)
        return sin(a[lo]);
    int mid = (lo + hi) / 2;
    return split_sum(a, lo, mid) * split_sum(a, mid, hi) + a[lo];
}

static double cf(double x, int depth) /* continued fraction 1 + x/(1 + x/(...)) */
{
    if (depth == 0)
        return 1.0;
    return 1.0 + x / cf(x, depth - 1);
}

static double w_rpow(double x, void *c) { return rpow(x, *(int *)c); }
static double w_cf(double x, void *c) { return cf(x, *(int *)c); }
static double w_split(double *v, void *c) { (void)c; return split_sum(v, 0, 6); }

int main(void)
{
    for (int n = 0; n < 12; n += 3) {
        check_close("rpow", __enzyme_fwddiff((void *)rpow, 1.1, 1.0, n), central_diff_ctx(w_rpow, &n, 1.1, CORPUS_H), 1e-6);
        check_close("rpow closed", __enzyme_fwddiff((void *)rpow, 1.1, 1.0, n), n * pow(1.1, n - 1), 1e-13);
        check_close("cf", __enzyme_fwddiff((void *)cf, 0.8, 1.0, n), central_diff_ctx(w_cf, &n, 0.8, CORPUS_H), 1e-6);
    }
    double a[6] = {0.1, 0.5, -0.3, 1.2, 0.8, -0.9}, dir[6] = {1, 2, 3, -1, -2, 0.5}, da[6];
    for (int i = 0; i < 6; i++) da[i] = dir[i];
    check_close("split_sum", __enzyme_fwddiff((void *)split_sum, a, da, 0, 6), central_diff_dir(w_split, 0, a, dir, 6, CORPUS_H), 1e-6);
    return corpus_exit();
}
