/* Benchmark (b): a 3-point stencil iterated 100 times over 10^5 points, overwriting its input;
 * the loss is the sum of squares of the final state; gradient w.r.t. the initial state. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../bench_timing.h"

extern int enzyme_dup, enzyme_const;
double __enzyme_autodiff(void *, ...);
double __enzyme_fwddiff(void *, ...);

#define STEPS 100

__attribute__((noinline)) double diffuse(double *restrict u, double *restrict tmp, int n) {
  for (int t = 0; t < STEPS; ++t) {
    for (int i = 1; i < n - 1; ++i) tmp[i] = u[i] + 0.25 * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
    for (int i = 1; i < n - 1; ++i) u[i] = tmp[i];
  }
  double loss = 0.0;
  for (int i = 0; i < n; ++i) loss += u[i] * u[i];
  return loss;
}

struct state { double *u0, *u, *du, *tmp, *dtmp; int n; double out; };
static void run_primal(void *p) {
  struct state *s = p;
  memcpy(s->u, s->u0, s->n * sizeof(double));
  s->out += diffuse(s->u, s->tmp, s->n);
}
static void run_gradient(void *p) {
  struct state *s = p;
  memcpy(s->u, s->u0, s->n * sizeof(double));
  memset(s->du, 0, s->n * sizeof(double));
  memset(s->dtmp, 0, s->n * sizeof(double));
  __enzyme_autodiff((void *)diffuse, enzyme_dup, s->u, s->du, enzyme_dup, s->tmp, s->dtmp, enzyme_const, s->n);
}

int main(void) {
  const int n = 100000;
  struct state s = { malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)),
                     calloc(n, sizeof(double)), malloc(n * sizeof(double)), n, 0.0 };
  for (int i = 0; i < n; ++i) s.u0[i] = sin(0.01 * i) + 0.1 * cos(0.37 * i);
  run_gradient(&s);
  /* Check the gradient against forward mode in a random direction v:
   * <grad L, v> must equal the directional derivative dL(u0 + eps v)/d eps to round-off. */
  double *v = malloc(n * sizeof(double)), *dv = malloc(n * sizeof(double));
  double projected = 0.0;
  for (int i = 0; i < n; ++i) { v[i] = cos(1.7 * i); projected += s.du[i] * v[i]; }
  memcpy(s.u, s.u0, n * sizeof(double));
  memset(s.dtmp, 0, n * sizeof(double));
  memcpy(dv, v, n * sizeof(double));
  double directional = __enzyme_fwddiff((void *)diffuse, enzyme_dup, s.u, dv, enzyme_dup, s.tmp, s.dtmp, enzyme_const, n);
  double worst = fabs(projected - directional) / fabs(directional);
  if (worst > 1e-10) { printf("gradient check FAILED: <grad, v> = %.15g, forward = %.15g\n", projected, directional); return 1; }
  double tp = bench_per_call(run_primal, &s), tg = bench_per_call(run_gradient, &s);
  printf("reverse_stencil n=%d steps=%d primal %.3f ms, gradient %.3f ms, ratio %.2f (dot-product check %.1e, checksum %.3g)\n",
         n, STEPS, 1e3 * tp, 1e3 * tg, tg / tp, worst, s.out);
  return 0;
}
