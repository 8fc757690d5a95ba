/* reductions: gradient of Fortran array reductions against central differences (the data has distinct
 * entries, so maxval/minval pick one element away from ties), and every reduction's primal against C. */
#include "enzyme_reverse_test.h"

#define N 6
#define M (N * 3)

double reduce_all(int n, const double *x, const double *a);

/* The inputs x (N) then a (N x 3, column-major). */
static double reduce_of(double *xa, void *unused)
{
    (void)unused;
    return reduce_all(N, xa, xa + N);
}

static double reference(const double *x, const double *a)
{
    double sum = 0, sq = 0, prod = 1, mx = x[0], mn = x[0], dot = 0, nx = 0;
    for (int i = 0; i < N; i++) {
        sum += x[i];
        sq += x[i] * x[i];
        prod *= 1.0 + 0.1 * x[i];
        mx = fmax(mx, x[i]);
        mn = fmin(mn, x[i]);
        dot += x[i] * a[N + i];
        nx += x[i] * x[i];
    }
    double suma = 0, row2 = a[1], na = 0, col3 = 0, minabs = fabs(a[0]);
    for (int j = 0; j < 3; j++) {
        row2 = fmax(row2, a[j * N + 1]);
        for (int i = 0; i < N; i++) {
            suma += a[j * N + i];
            na += a[j * N + i] * a[j * N + i];
            minabs = fmin(minabs, fabs(a[j * N + i]));
        }
    }
    for (int i = 0; i < N; i += 2) col3 += a[2 * N + i];
    return sum + 0.5 * sq + prod + mx - 2 * mn + dot + sqrt(nx) + suma * row2 + sqrt(na) + col3 + minabs;
}

int main(void)
{
    rev_seed(3);
    double xa[N + M], grad[N + M] = {0}, v[N + M];
    rev_rand_fill(xa, N + M);
    rev_rand_fill(v, N + M);
    check_close("primal", reduce_all(N, xa, xa + N), reference(xa, xa + N), 1e-13);

    __enzyme_autodiff_v((void *)reduce_all, N, xa, grad, xa + N, grad + N);
    rev_check_grad("d(x,a)", reduce_of, NULL, xa, grad, N + M, REV_H, REV_TOL);
    rev_check_dot("reduce_all", __enzyme_fwddiff((void *)reduce_all, N, xa, v, xa + N, v + N), rev_dot(v, grad, N + M));
    return corpus_exit();
}
