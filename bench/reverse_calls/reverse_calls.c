/* Benchmark: a loop of 10^6 calls to a non-inlined function. Reverse mode differentiates the
 * call instead of inlining it: the forward sweep calls the augmented function (which returns a
 * tape), the reverse sweep calls the reverse function with that tape. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "../bench_timing.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);

__attribute__((noinline)) static double term(double x, double w) { return w * sin(x) * x; }

__attribute__((noinline)) double sum_terms(const double *x, const double *w, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += term(x[i], w[i]);
  return s;
}

struct state { double *x, *w, *dx; int n; double out; };
static void run_primal(void *p) { struct state *s = p; s->out += sum_terms(s->x, s->w, s->n); }
static void run_gradient(void *p) {
  struct state *s = p;
  for (int i = 0; i < s->n; ++i) s->dx[i] = 0.0;
  __enzyme_autodiff((void *)sum_terms, enzyme_dup, s->x, s->dx, enzyme_const, s->w, enzyme_const, s->n);
}

int main(void) {
  const int n = 1000000;
  struct state s = { malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)), n, 0.0 };
  for (int i = 0; i < n; ++i) { s.x[i] = sin(0.001 * i); s.w[i] = 1.0 + 0.5 * cos(0.002 * i); }
  run_gradient(&s);
  double worst = 0.0;
  for (int i = 0; i < n; ++i) {
    double expected = s.w[i] * (cos(s.x[i]) * s.x[i] + sin(s.x[i]));
    double error = fabs(s.dx[i] - expected);
    if (error > worst) worst = error;
  }
  if (worst > 1e-14) { printf("gradient check FAILED: max error %.3e\n", worst); return 1; }
  double tp = bench_per_call(run_primal, &s), tg = bench_per_call(run_gradient, &s);
  printf("reverse_calls n=%d primal %.3f ms, gradient %.3f ms, ratio %.2f (checksum %.3g)\n", n, 1e3 * tp, 1e3 * tg, tg / tp, s.out);
  return 0;
}
