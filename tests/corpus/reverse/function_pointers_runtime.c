/* Function pointers chosen at run time: a pointer picked by a flag (flag ? sq : cube), an array of
 * function pointers indexed by data, and a function pointer received as a parameter by a helper the
 * differentiated function calls. Every target is known only when the program runs. Gradients against
 * closed forms and finite differences; dot-product test against forward mode. */
#include "enzyme_reverse_test.h"

typedef double (*UnaryFn)(double);

static double sq(double x) { return x * x; }
static double cube(double x) { return x * x * x; }
static double softplus(double x) { return log1p(exp(x)); }
static double scaled_sin(double x) { return 3.0 * sin(x); }

static UnaryFn table[4] = {sq, cube, softplus, scaled_sin};
static double d_table(int k, double x)
{
    switch (k) {
    case 0: return 2.0 * x;
    case 1: return 3.0 * x * x;
    case 2: return 1.0 / (1.0 + exp(-x));
    default: return 3.0 * cos(x);
    }
}

/* applies f to every element: f arrives as a parameter */
__attribute__((noinline)) static double map_sum(UnaryFn f, const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += f(x[i]);
    return s;
}

#define N 5
/* flag picks sq or cube; kinds[i] picks table entries; map_sum gets a pointer from the table */
static double model(const double *x, const int *kinds, int flag)
{
    UnaryFn pick = flag ? sq : cube;
    double s = pick(x[0]) * x[1];
    for (int i = 0; i < N; i++) s += table[kinds[i]](x[i]) * (i + 1);
    s += map_sum(table[kinds[0]], x, N);
    return s;
}

static int g_kinds[N] = {2, 0, 3, 1, 2};
static int g_flag;
static double wx(double *x, void *unused) { (void)unused; return model(x, g_kinds, g_flag); }

int main(void)
{
    rev_seed(77);
    for (g_flag = 0; g_flag < 2; g_flag++) {
        double x[N], dx[N] = {0}, v[N];
        rev_rand_fill(x, N);
        rev_rand_fill(v, N);
        __enzyme_autodiff_v((void *)model, x, dx, enzyme_const, g_kinds, enzyme_const, g_flag);
        for (int i = 0; i < N; i++) {
            double e = d_table(g_kinds[i], x[i]) * (i + 1) + d_table(g_kinds[0], x[i]);
            if (i == 0) e += (g_flag ? 2.0 * x[0] : 3.0 * x[0] * x[0]) * x[1];
            if (i == 1) e += g_flag ? x[0] * x[0] : x[0] * x[0] * x[0];
            check_close("closed form", dx[i], e, 1e-12);
        }
        rev_check_grad("dx", wx, 0, x, dx, N, REV_H, REV_TOL);
        double w = rev_rand();
        double jv = __enzyme_fwddiff((void *)model, x, v, enzyme_const, g_kinds, enzyme_const, g_flag);
        rev_check_dot("function pointers", w * jv, w * rev_dot(v, dx, N));
    }
    return corpus_exit();
}
