/* Benchmark (memory): a loop of 10^6 iterations that overwrites its input in place with a
 * nonlinear function, so the reverse sweep needs the old values: exactly one double per
 * iteration must be cached (`enzyme-ad --report` prints the bytes cached per iteration). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../bench_timing.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);

__attribute__((noinline)) double squash(double *x, int n) {
  for (int i = 0; i < n; ++i) x[i] = sin(x[i]);
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += x[i];
  return s;
}

struct state { double *x0, *x, *dx; int n; double out; };
static void run_primal(void *p) {
  struct state *s = p;
  memcpy(s->x, s->x0, s->n * sizeof(double));
  s->out += squash(s->x, s->n);
}
static void run_gradient(void *p) {
  struct state *s = p;
  memcpy(s->x, s->x0, s->n * sizeof(double));
  memset(s->dx, 0, s->n * sizeof(double));
  __enzyme_autodiff((void *)squash, enzyme_dup, s->x, s->dx, enzyme_const, s->n);
}

int main(void) {
  const int n = 1000000;
  struct state s = { malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)), n, 0.0 };
  for (int i = 0; i < n; ++i) s.x0[i] = 3.0 * sin(0.001 * i);
  run_gradient(&s);
  double worst = 0.0;
  for (int i = 0; i < n; ++i) {
    double expected = cos(s.x0[i]);
    double error = fabs(s.dx[i] - expected);
    if (error > worst) worst = error;
  }
  if (worst > 1e-14) { printf("gradient check FAILED: max error %.3e\n", worst); return 1; }
  double tp = bench_per_call(run_primal, &s), tg = bench_per_call(run_gradient, &s);
  printf("reverse_cache n=%d primal %.3f ms, gradient %.3f ms, ratio %.2f (checksum %.3g)\n", n, 1e3 * tp, 1e3 * tg, tg / tp, s.out);
  return 0;
}
