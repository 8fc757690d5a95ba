/* Driver in a second translation unit: enzyme-ad links both modules before optimising. */
#include <math.h>
#include <stdio.h>

double integrand(double x);
double simpson(double (*f)(double), double a, double b, int intervals);

int main(void) {
  /* The integral of exp(-x^2) cos(3x) over the real line is sqrt(pi) exp(-9/4). */
  double approx = simpson(integrand, -10.0, 10.0, 2000);
  double exact = sqrt(M_PI) * exp(-9.0 / 4.0);
  printf("simpson  = %.12f\n", approx);
  printf("exact    = %.12f\n", exact);
  printf("abs.err  = %.3e\n", fabs(approx - exact));
  return fabs(approx - exact) < 1e-9 ? 0 : 1;
}
