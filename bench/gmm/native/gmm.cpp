/* GMM: the objective (T = double), its gradient by Enzyme's reverse mode and by central finite
 * differences, and the timing entry points for those and for the hand-written gradient
 * (gmm_hand.c). ADOL-C's side is gmm_adolc.cpp. Every entry point is extern "C", which is what
 * Enzyme.Sdk's bindings export to C#. */
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "../../common/adbench_timing.h"
#include "gmm_objective.hpp"

extern "C" {
extern int enzyme_dup;
extern int enzyme_const;
void __enzyme_autodiff(void *, ...);

int gmm_parameter_count(int d, int k);
double gmm_objective(int d, int k, int n, const double *theta, const double *x, double gamma, int m);
void gmm_gradient_enzyme(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                         double *grad);
void gmm_gradient_fd(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                     double *grad);
void gmm_gradient_hand(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                       double *grad);
double gmm_time_primal(int d, int k, int n, const double *theta, const double *x, double gamma, int m);
double gmm_time_enzyme(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                       double *grad);
double gmm_time_hand(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                     double *grad);
double gmm_time_fd(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                   double *grad);
}

int gmm_parameter_count(int d, int k) { return gmm::parameter_count(d, k); }

double gmm_objective(int d, int k, int n, const double *theta, const double *x, double gamma, int m)
{
    return gmm::objective<double>(d, k, n, theta, x, gamma, m);
}

/* Enzyme accumulates into the shadow (+=), so the gradient is cleared first; the clearing is
 * part of the timed call, as a caller would have to do it too. */
void gmm_gradient_enzyme(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                         double *grad)
{
    std::memset(grad, 0, sizeof(double) * (size_t)gmm::parameter_count(d, k));
    __enzyme_autodiff((void *)gmm_objective, enzyme_const, d, enzyme_const, k, enzyme_const, n, enzyme_dup,
                      theta, grad, enzyme_const, x, enzyme_const, gamma, enzyme_const, m);
}

/* Central differences over every parameter: 2P objective evaluations. The step is the cube
 * root of the machine epsilon scaled by the parameter, which balances the O(h^2) truncation
 * error against the O(eps/h) rounding error. */
void gmm_gradient_fd(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                     double *grad)
{
    const int count = gmm::parameter_count(d, k);
    double *probe = (double *)std::malloc(sizeof(double) * (size_t)count);
    std::memcpy(probe, theta, sizeof(double) * (size_t)count);
    const double relative_step = std::cbrt(DBL_EPSILON);
    for (int j = 0; j < count; ++j) {
        double h = relative_step * std::fmax(1.0, std::fabs(theta[j]));
        probe[j] = theta[j] + h;
        double above = gmm_objective(d, k, n, probe, x, gamma, m);
        probe[j] = theta[j] - h;
        double below = gmm_objective(d, k, n, probe, x, gamma, m);
        probe[j] = theta[j];
        grad[j] = (above - below) / (2.0 * h);
    }
    std::free(probe);
}

namespace {

struct problem {
    int d, k, n;
    const double *theta;
    const double *x;
    double gamma;
    int m;
    double *grad;
    double value;
};

void run_primal(void *state)
{
    problem *p = (problem *)state;
    p->value = gmm_objective(p->d, p->k, p->n, p->theta, p->x, p->gamma, p->m);
}

void run_enzyme(void *state)
{
    problem *p = (problem *)state;
    gmm_gradient_enzyme(p->d, p->k, p->n, p->theta, p->x, p->gamma, p->m, p->grad);
}

void run_hand(void *state)
{
    problem *p = (problem *)state;
    gmm_gradient_hand(p->d, p->k, p->n, p->theta, p->x, p->gamma, p->m, p->grad);
}

void run_fd(void *state)
{
    problem *p = (problem *)state;
    gmm_gradient_fd(p->d, p->k, p->n, p->theta, p->x, p->gamma, p->m, p->grad);
}

} // namespace

/* Each timing entry point leaves the result of its last timed call in grad, so the caller
 * checks exactly what was timed. */
double gmm_time_primal(int d, int k, int n, const double *theta, const double *x, double gamma, int m)
{
    problem p = {d, k, n, theta, x, gamma, m, nullptr, 0.0};
    return adbench_seconds_per_call(run_primal, &p);
}

double gmm_time_enzyme(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                       double *grad)
{
    problem p = {d, k, n, theta, x, gamma, m, grad, 0.0};
    return adbench_seconds_per_call(run_enzyme, &p);
}

double gmm_time_hand(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                     double *grad)
{
    problem p = {d, k, n, theta, x, gamma, m, grad, 0.0};
    return adbench_seconds_per_call(run_hand, &p);
}

double gmm_time_fd(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                   double *grad)
{
    problem p = {d, k, n, theta, x, gamma, m, grad, 0.0};
    return adbench_seconds_per_call(run_fd, &p);
}
