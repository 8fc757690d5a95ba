/* Adjoints are accumulated (+=) into pre-filled shadow buffers, including when the same shadow buffer is
 * passed for two arguments (aliasing inputs) and when one array is read at several positions. */
#include "enzyme_reverse_test.h"

static double f(const double *a, const double *b, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += a[i] * b[n - 1 - i] + a[(i * 3) % n] * a[i];
    return s;
}

int main(void)
{
    rev_seed(93);
    int n = 5;
    double a[5], b[5], da[5] = {0}, db[5] = {0}, pre_a[5], pre_b[5], da2[5], db2[5];
    rev_rand_fill(a, 5);
    rev_rand_fill(b, 5);
    rev_rand_fill(pre_a, 5);
    rev_rand_fill(pre_b, 5);
    __enzyme_autodiff_v((void *)f, a, da, b, db, n);
    for (int i = 0; i < 5; i++) { da2[i] = pre_a[i]; db2[i] = pre_b[i]; }
    __enzyme_autodiff_v((void *)f, a, da2, b, db2, n);
    for (int i = 0; i < 5; i++) {
        check_close("accumulated a", da2[i], pre_a[i] + da[i], 1e-15);
        check_close("accumulated b", db2[i], pre_b[i] + db[i], 1e-15);
    }
    /* closed form */
    for (int i = 0; i < 5; i++) {
        double g = b[n - 1 - i] + a[(i * 3) % n];
        for (int j = 0; j < n; j++) if ((j * 3) % n == i) g += a[j];
        check_close("closed da", da[i], g, 1e-14);
        check_close("closed db", db[i], a[n - 1 - i], 1e-14);
    }
    /* the same buffer for both arguments: f(a, a) */
    double dself[5] = {0}, v[5];
    __enzyme_autodiff_v((void *)f, a, dself, a, dself, n);
    for (int i = 0; i < 5; i++) check_close("aliased", dself[i], da[i] - b[n - 1 - i] + 2.0 * a[n - 1 - i], 1e-14); /* d/da of sum a_i a_{n-1-i} is 2 a_{n-1-i} */
    rev_rand_fill(v, 5);
    double w = rev_rand();
    rev_check_dot("aliased", w * __enzyme_fwddiff((void *)f, a, v, a, v, n), w * rev_dot(v, dself, 5));
    return corpus_exit();
}
