#include <stddef.h>

/*
 * x'' = -k x - c x', x(0) = 1, x'(0) = 0, integrated with semi-implicit Euler (step dt, 20 substeps
 * per observation). Returns the mean squared difference between x at t = (i+1)·dt and observed[i].
 * params[0] = k (stiffness), params[1] = c (damping).
 */
double oscillator_loss(const double *params, const double *observed, size_t n, double dt)
{
    const int substeps = 20;
    double k = params[0], c = params[1];
    double x = 1.0, v = 0.0, h = dt / substeps, loss = 0.0;
    for (size_t i = 0; i < n; i++) {
        for (int s = 0; s < substeps; s++) {
            v += h * (-k * x - c * v);
            x += h * v;
        }
        double r = x - observed[i];
        loss += r * r;
    }
    return loss / (double)n;
}
