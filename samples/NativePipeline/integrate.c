/* A numerical kernel in its own translation unit: composite Simpson integration. */
#include <math.h>

double integrand(double x) { return exp(-x * x) * cos(3.0 * x); }

double simpson(double (*f)(double), double a, double b, int intervals) {
  double h = (b - a) / intervals;
  double sum = f(a) + f(b);
  for (int i = 1; i < intervals; ++i) {
    sum += f(a + i * h) * ((i % 2) ? 4.0 : 2.0);
  }
  return sum * h / 3.0;
}
