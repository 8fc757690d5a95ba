/* Benchmark (a): gradient of a dot product / sum of squares over 10^6 doubles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "../bench_timing.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);

__attribute__((noinline)) double sumsq(const double *x, const double *w, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += w[i] * x[i] * x[i];
  return s;
}

struct state { double *x, *w, *dx; int n; double out; };
static void run_primal(void *p) { struct state *s = p; s->out += sumsq(s->x, s->w, s->n); }
static void run_gradient(void *p) {
  struct state *s = p;
  __enzyme_autodiff((void *)sumsq, enzyme_dup, s->x, s->dx, enzyme_const, s->w, enzyme_const, s->n);
}

int main(void) {
  const int n = 1000000;
  struct state s = { malloc(n * sizeof(double)), malloc(n * sizeof(double)), calloc(n, sizeof(double)), n, 0.0 };
  for (int i = 0; i < n; ++i) { s.x[i] = sin(0.001 * i); s.w[i] = 1.0 + 0.5 * cos(0.002 * i); }
  run_gradient(&s);
  double worst = 0.0;
  for (int i = 0; i < n; ++i) {
    double expected = 2.0 * s.w[i] * s.x[i];
    double error = fabs(s.dx[i] - expected) / (1.0 + fabs(expected));
    if (error > worst) worst = error;
  }
  if (worst > 1e-13) { printf("gradient check FAILED: max relative error %.3e\n", worst); return 1; }
  double tp = bench_per_call(run_primal, &s), tg = bench_per_call(run_gradient, &s);
  printf("reverse_sumsq n=%d primal %.3f ms, gradient %.3f ms, ratio %.2f (checksum %.3g)\n", n, 1e3 * tp, 1e3 * tg, tg / tp, s.out);
  return 0;
}
