/*
 * Log-likelihood of a normal distribution N(mean, sigma^2) for a data set, and its gradient
 * with respect to (mean, sigma), which Enzyme.Sdk derives at build time.
 */
#include <math.h>

/* Enzyme's C API: the activity markers and the reverse-mode entry point. */
extern int enzyme_dup;
extern int enzyme_const;
void __enzyme_autodiff(void *, ...);

/*
 * log L = -n log(sigma) - (n/2) log(2 pi) - sum_i (x_i - mean)^2 / (2 sigma^2),
 * with theta = {mean, sigma}.
 */
double gaussian_log_likelihood(const double *theta, const double *data, int n)
{
    const double log_two_pi = 1.8378770664093454835606594728112;
    double mean = theta[0], sigma = theta[1];
    double sum_squares = 0.0;
    for (int i = 0; i < n; ++i) {
        double residual = data[i] - mean;
        sum_squares += residual * residual;
    }
    return -n * log(sigma) - 0.5 * n * log_two_pi - sum_squares / (2.0 * sigma * sigma);
}

/* gradient = d log L / d theta; the data are constants. Enzyme accumulates (+=), hence the clear. */
void gaussian_log_likelihood_grad(const double *theta, double *gradient, const double *data, int n)
{
    gradient[0] = 0.0;
    gradient[1] = 0.0;
    __enzyme_autodiff((void *)gaussian_log_likelihood, enzyme_dup, theta, gradient, enzyme_const, data, enzyme_const, n);
}
