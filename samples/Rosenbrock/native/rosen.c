/*
 * The N-dimensional (chained) Rosenbrock function and its gradient.
 *
 * Only the primal is written by hand: rosen_grad asks Enzyme for the reverse-mode derivative
 * of rosen, which Enzyme.Sdk generates at build time from the optimised LLVM IR.
 */

/* Enzyme's C API: the activity markers and the reverse-mode entry point. */
extern int enzyme_dup;
extern int enzyme_const;
void __enzyme_autodiff(void *, ...);

/* f(x) = sum_{i=0}^{n-2} (1 - x_i)^2 + 100 (x_{i+1} - x_i^2)^2; minimum 0 at x = (1, ..., 1). */
double rosen(const double *x, int n)
{
    double sum = 0.0;
    for (int i = 0; i + 1 < n; ++i) {
        double to_one = 1.0 - x[i];
        double off_valley = x[i + 1] - x[i] * x[i];
        sum += to_one * to_one + 100.0 * off_valley * off_valley;
    }
    return sum;
}

/* dx = grad f(x). Enzyme accumulates adjoints into dx (+=), so it is cleared first. */
void rosen_grad(const double *x, double *dx, int n)
{
    for (int i = 0; i < n; ++i) {
        dx[i] = 0.0;
    }
    __enzyme_autodiff((void *)rosen, enzyme_dup, x, dx, enzyme_const, n);
}
