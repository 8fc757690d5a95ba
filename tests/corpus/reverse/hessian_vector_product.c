/* Forward over reverse: the forward derivative of a function that calls __enzyme_autodiff gives a
 * Hessian-vector product. The gradient wrapper is defined after its user, so the engine must
 * resolve the inner request before the outer one. Checked against central differences of the
 * gradient and, exactly, against the closed-form Hessian. */
#include "enzyme_reverse_test.h"

#define N 5

void gradient(const double *x, double *g, int n);

static void hvp(const double *x, const double *v, double *g, double *hv, int n)
{
    __enzyme_fwddiff_v((void *)gradient, enzyme_dup, x, v, enzyme_dup, g, hv, enzyme_const, n);
}

static double f(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += sin(x[i]) * x[(i + 1) % n] + 0.5 * x[i] * x[i] * x[i];
    return s;
}

void gradient(const double *x, double *g, int n)
{
    for (int i = 0; i < n; i++)
        g[i] = 0.0;
    __enzyme_autodiff_v((void *)f, enzyme_dup, x, g, enzyme_const, n);
}

int main(void)
{
    rev_seed(2026);
    double x[N], v[N], g[N], hv[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    hvp(x, v, g, hv, N);
    for (int i = 0; i < N; i++) {
        /* H[i][i] = -sin(x_i) x_{i+1} + 3 x_i; H[i][i+1] = cos(x_i); H[i][i-1] = cos(x_{i-1}). */
        int next = (i + 1) % N, prev = (i + N - 1) % N;
        double exact = (-sin(x[i]) * x[next] + 3.0 * x[i]) * v[i] + cos(x[i]) * v[next] + cos(x[prev]) * v[prev];
        double h = 1e-5, xp[N], xm[N], gp[N], gm[N];
        for (int j = 0; j < N; j++) { xp[j] = x[j] + h * v[j]; xm[j] = x[j] - h * v[j]; }
        gradient(xp, gp, N);
        gradient(xm, gm, N);
        char what[32];
        snprintf(what, sizeof what, "hv[%d]", i);
        check_close(what, hv[i], exact, 1e-12);
        check_close(what, hv[i], (gp[i] - gm[i]) / (2 * h), 1e-7);
    }
    return corpus_exit();
}
