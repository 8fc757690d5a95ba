// C++ heap objects in the differentiated function: a particle system allocates its state with new[]
// (positions, velocities), creates one heap object per spring with new (a class with double members and
// a constructor computing them from active inputs), keeps the springs in an array of pointers allocated
// with new[], advances a few symplectic-Euler steps with a temporary force buffer new[]'d and delete[]'d
// inside the step loop, then deletes every object and array. Gradient w.r.t. initial positions, spring
// stiffnesses and the time step (enzyme_out); dot-product test.
#include "enzyme_reverse_test.h"

struct Spring
{
    int a, b;
    double k, rest;
    Spring(int a_, int b_, double k_, double rest_) : a(a_), b(b_), k(k_ * k_ + 0.5), rest(rest_) {}
    double energy(const double *x) const
    {
        double d = x[b] - x[a] - rest;
        return 0.5 * k * d * d;
    }
    void add_force(const double *x, double *f) const
    {
        double t = k * (x[b] - x[a] - rest);
        f[a] += t;
        f[b] -= t;
    }
};

static double simulate(const double *x0, const double *stiff, int n, int steps, double dt)
{
    double *x = new double[n];
    double *v = new double[n];
    for (int i = 0; i < n; i++) {
        x[i] = x0[i];
        v[i] = 0.0;
    }
    int ns = n - 1;
    Spring **springs = new Spring *[ns];
    for (int s = 0; s < ns; s++) springs[s] = new Spring(s, s + 1, stiff[s], 1.0);

    double kinetic = 0.0;
    for (int t = 0; t < steps; t++) {
        double *f = new double[n]();
        for (int s = 0; s < ns; s++) springs[s]->add_force(x, f);
        for (int i = 0; i < n; i++) {
            v[i] += dt * (f[i] - 0.1 * v[i]);
            x[i] += dt * v[i];
            kinetic += 0.5 * v[i] * v[i];
        }
        delete[] f;
    }
    double potential = 0.0;
    for (int s = 0; s < ns; s++) {
        potential += springs[s]->energy(x);
        delete springs[s];
    }
    delete[] springs;
    delete[] v;
    delete[] x;
    return potential + 0.1 * kinetic;
}

constexpr int N = 7;
constexpr int STEPS = 12;
static double wx(double *x, void *c) { return simulate(x, (const double *)c, N, STEPS, 0.05); }
static double wk(double *k, void *c) { return simulate((const double *)c, k, N, STEPS, 0.05); }

int main()
{
    rev_seed(1611);
    double x[N], dx[N] = {0}, vx[N], k[N - 1], dk[N - 1] = {0}, vk[N - 1];
    for (int i = 0; i < N; i++) x[i] = i * 1.0 + 0.2 * rev_rand();
    rev_rand_fill(k, N - 1);
    rev_rand_fill(vx, N);
    rev_rand_fill(vk, N - 1);
    double ddt = __enzyme_autodiff((void *)simulate, x, dx, k, dk, N, STEPS, 0.05);
    rev_check_grad("dx0", wx, k, x, dx, N, REV_H, REV_TOL);
    rev_check_grad("dstiff", wk, x, k, dk, N - 1, REV_H, REV_TOL);
    check_close("ddt", ddt, (simulate(x, k, N, STEPS, 0.05 + REV_H) - simulate(x, k, N, STEPS, 0.05 - REV_H)) / (2 * REV_H), REV_TOL);

    double vdt = rev_rand(), w = rev_rand();
    double jv = __enzyme_fwddiff((void *)simulate, x, vx, k, vk, N, STEPS, 0.05, vdt);
    rev_check_dot("springs", w * jv, w * (rev_dot(vx, dx, N) + rev_dot(vk, dk, N - 1) + vdt * ddt));
    return corpus_exit();
}
