/* Nested loops whose inner trip count depends on the outer index (triangular and "j <= i*i % n" shapes). */
#include "enzyme_reverse_test.h"

static double tri(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        double row = 0.0;
        for (int j = 0; j <= i; j++) row += x[j] * x[i - j];
        s += row * row / (1.0 + i);
    }
    return s;
}

static double jagged(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        int m = (i * i) % n + 1;
        double p = 1.0;
        for (int j = i; j < m + i && j < n; j++) p *= cos(x[j]);
        for (int j = 0; j < i; j++)
            for (int k = j; k < i; k++) s += 0.01 * x[j] * x[k];
        s += p;
    }
    return s;
}

static double wtri(double *x, void *c) { return tri(x, *(int *)c); }
static double wjag(double *x, void *c) { return jagged(x, *(int *)c); }

int main(void)
{
    rev_seed(22);
    int n = 9;
    double x[9], dx[9] = {0}, v[9];
    rev_rand_fill(x, 9);
    rev_rand_fill(v, 9);
    double w = rev_rand();
    __enzyme_autodiff_v((void *)tri, x, dx, n);
    rev_check_grad("tri", wtri, &n, x, dx, 9, REV_H, REV_TOL);
    rev_check_dot("tri", w * __enzyme_fwddiff((void *)tri, x, v, n), w * rev_dot(v, dx, 9));
    double dj[9] = {0};
    __enzyme_autodiff_v((void *)jagged, x, dj, n);
    rev_check_grad("jagged", wjag, &n, x, dj, 9, REV_H, REV_TOL);
    rev_check_dot("jagged", w * __enzyme_fwddiff((void *)jagged, x, v, n), w * rev_dot(v, dj, 9));
    return corpus_exit();
}
