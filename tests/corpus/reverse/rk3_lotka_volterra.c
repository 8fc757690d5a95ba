/* Parameter fitting of a Lotka-Volterra predator-prey model: Kutta's explicit third-order Runge-Kutta
 * scheme integrated for a runtime number of steps (the trip count is an argument, so every stage's state
 * must be cached for the reverse sweep), the right-hand side reached through a constant global function
 * pointer (a model selected at compile time), and a least-squares misfit of log-populations against
 * observations taken every few steps. Gradient w.r.t. the four rate parameters and the initial populations; dot-product test. */
#include "enzyme_reverse_test.h"

typedef void (*Rhs)(const double *u, const double *k, double *du);

static void lotka_volterra(const double *u, const double *k, double *du)
{
    du[0] = k[0] * u[0] - k[1] * u[0] * u[1];
    du[1] = k[3] * u[0] * u[1] - k[2] * u[1];
}

static const Rhs model = lotka_volterra;

static double integrate_misfit(const double *k, const double *u0, const double *obs, int steps, int every, double h)
{
    double u[2] = {u0[0], u0[1]}, k1[2], k2[2], k3[2], t[2];
    double misfit = 0.0;
    int o = 0;
    for (int s = 1; s <= steps; s++) {
        model(u, k, k1);
        for (int i = 0; i < 2; i++) t[i] = u[i] + 0.5 * h * k1[i];
        model(t, k, k2);
        for (int i = 0; i < 2; i++) t[i] = u[i] - h * k1[i] + 2.0 * h * k2[i];
        model(t, k, k3);
        for (int i = 0; i < 2; i++) u[i] += h / 6.0 * (k1[i] + 4.0 * k2[i] + k3[i]);
        if (s % every == 0) {
            double e0 = log(u[0]) - obs[2 * o], e1 = log(u[1]) - obs[2 * o + 1];
            misfit += e0 * e0 + e1 * e1;
            o++;
        }
    }
    return misfit;
}

static double loss(const double *k, const double *u0, const double *obs, int steps)
{
    return integrate_misfit(k, u0, obs, steps, 10, 0.02);
}

#define STEPS 120
static double observations[2 * (STEPS / 10)];

/* flat: [k (4), u0 (2)] */
static double wflat(double *p, void *c)
{
    (void)c;
    return loss(p, p + 4, observations, STEPS);
}

int main(void)
{
    rev_seed(1603);
    for (int i = 0; i < 2 * (STEPS / 10); i++) observations[i] = 0.3 * rev_rand();
    double p[6] = {1.1, 0.4, 0.9, 0.3, 1.2, 0.8}, grad[6] = {0}, v[6];
    for (int i = 0; i < 6; i++) p[i] += 0.1 * rev_rand();
    rev_rand_fill(v, 6);
    __enzyme_autodiff_v((void *)loss, p, grad, p + 4, grad + 4, enzyme_const, observations, STEPS);
    rev_check_grad("d(k,u0)", wflat, 0, p, grad, 6, REV_H, 1e-5);

    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)loss, p, v, p + 4, v + 4, enzyme_const, observations, STEPS);
    rev_check_dot("lotka-volterra", w * jv, w * rev_dot(v, grad, 6));
    return corpus_exit();
}
