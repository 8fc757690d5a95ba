/* Benchmark (c): the Enzyme paper's normalize, out[i] = in[i] / mag(in). Compiled at -O2 the
 * magnitude is hoisted out of the loop before differentiation, so the gradient is O(N): the
 * ratio to the primal must not grow with N. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "../bench_timing.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

__attribute__((noinline)) static double mag(const double *restrict x, int n) {
  double s = 0.0;
  for (int i = 0; i < n; ++i) s += x[i] * x[i];
  return sqrt(s);
}

__attribute__((noinline)) void normalize(double *__restrict__ out, const double *__restrict__ in, int n) {
  for (int i = 0; i < n; ++i) out[i] = in[i] / mag(in, n);
}

struct state { double *in, *din, *out, *dout; int n; };
static void run_primal(void *p) { struct state *s = p; normalize(s->out, s->in, s->n); }
static void run_gradient(void *p) {
  struct state *s = p;
  for (int i = 0; i < s->n; ++i) { s->dout[i] = 1.0; s->din[i] = 0.0; }
  __enzyme_autodiff((void *)normalize, enzyme_dup, s->out, s->dout, enzyme_dup, s->in, s->din, enzyme_const, s->n);
}

int main(void) {
  int sizes[2] = { 10000, 100000 };
  for (int k = 0; k < 2; ++k) {
    int n = sizes[k];
    struct state s = { malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)), n };
    for (int i = 0; i < n; ++i) s.in[i] = 1.0 + sin(0.1 * i);
    run_gradient(&s);
    /* d(sum_i out_i)/d in_j = 1/m - in_j * S / m^3 with S = sum_i in_i. */
    double m = mag(s.in, n), total = 0.0, worst = 0.0;
    for (int i = 0; i < n; ++i) total += s.in[i];
    for (int j = 0; j < n; ++j) {
      double expected = 1.0 / m - s.in[j] * total / (m * m * m);
      double error = fabs(s.din[j] - expected) / (1e-3 + fabs(expected));
      if (error > worst) worst = error;
    }
    if (worst > 1e-9) { printf("gradient check FAILED at n=%d: max relative error %.3e\n", n, worst); return 1; }
    double tp = bench_per_call(run_primal, &s), tg = bench_per_call(run_gradient, &s);
    printf("reverse_normalize n=%d primal %.4f ms, gradient %.4f ms, ratio %.2f\n", n, 1e3 * tp, 1e3 * tg, tg / tp);
    free(s.in); free(s.din); free(s.out); free(s.dout);
  }
  return 0;
}
