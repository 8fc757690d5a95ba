/* Reverse over forward: the gradient of a function that calls __enzyme_fwddiff. The directional
 * derivative d(v) = grad f(x) . v is differentiated with respect to x, which is the Hessian-vector
 * product H v again (H is symmetric). The inner forward request sits in a noinline function defined
 * after its user and also appears inlined, so the engine resolves inner requests first and then
 * differentiates through both shapes. Checked against the closed-form Hessian, against central
 * differences of the directional derivative, and against forward over reverse. */
#include "enzyme_reverse_test.h"

#define N 6

double directional_noinline(const double *x, const double *v, int n) __attribute__((noinline));

static double f(const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += sin(x[i]) * x[(i + 1) % n] + 0.5 * x[i] * x[i] * x[i] + exp(0.1 * x[i] * x[(i + 2) % n]);
    return s;
}

static double directional(const double *x, const double *v, int n)
{
    return __enzyme_fwddiff((void *)f, enzyme_dup, x, v, enzyme_const, n);
}

/* Two calls, one inlined and one not: the gradient of their sum is 2 H v. */
static double twice_directional(const double *x, const double *v, int n)
{
    return directional(x, v, n) + directional_noinline(x, v, n);
}

static void gradient(const double *x, double *g, int n)
{
    for (int i = 0; i < n; i++)
        g[i] = 0.0;
    __enzyme_autodiff_v((void *)f, enzyme_dup, x, g, enzyme_const, n);
}

static double twice_at(double *x, void *v) { return twice_directional(x, (const double *)v, N); }

double directional_noinline(const double *x, const double *v, int n)
{
    return __enzyme_fwddiff((void *)f, enzyme_dup, x, v, enzyme_const, n);
}

int main(void)
{
    rev_seed(77);
    double x[N], v[N], hv2[N] = {0}, dv[N] = {0};
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    /* d/dx and d/dv of twice_directional: 2 H v and 2 grad f. */
    __enzyme_autodiff_v((void *)twice_directional, enzyme_dup, x, hv2, enzyme_dup, v, dv, enzyme_const, N);
    rev_check_grad("d twice_directional / dx", twice_at, v, x, hv2, N, REV_H, REV_TOL);

    double g[N], hv_for[N], g2[N];
    gradient(x, g2, N);
    __enzyme_fwddiff_v((void *)gradient, enzyme_dup, x, v, enzyme_dup, g, hv_for, enzyme_const, N);
    for (int i = 0; i < N; i++) {
        int next = (i + 1) % N, prev = (i + N - 1) % N, next2 = (i + 2) % N, prev2 = (i + N - 2) % N;
        /* Closed-form H v for f: the sin/cube terms and the exp(0.1 x_i x_{i+2}) pair terms. */
        double ea = exp(0.1 * x[i] * x[next2]), eb = exp(0.1 * x[prev2] * x[i]);
        double hii = -sin(x[i]) * x[next] + 3.0 * x[i] + 0.01 * x[next2] * x[next2] * ea + 0.01 * x[prev2] * x[prev2] * eb;
        double exact = hii * v[i] + cos(x[i]) * v[next] + cos(x[prev]) * v[prev]
            + (0.1 * ea + 0.01 * x[i] * x[next2] * ea) * v[next2] + (0.1 * eb + 0.01 * x[prev2] * x[i] * eb) * v[prev2];
        char what[48];
        snprintf(what, sizeof what, "reverse over forward hv[%d]", i);
        check_close(what, 0.5 * hv2[i], exact, 1e-11);
        snprintf(what, sizeof what, "forward over reverse hv[%d]", i);
        check_close(what, hv_for[i], exact, 1e-11);
        snprintf(what, sizeof what, "d/dv = 2 grad f [%d]", i);
        check_close(what, 0.5 * dv[i], g2[i], 1e-12);
    }
    return corpus_exit();
}
