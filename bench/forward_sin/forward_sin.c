/* Benchmark: forward derivative of y[i] = sin(x[i]) * x[i] against the primal.
 * Timing follows ADBench: repeat a call until a batch takes >= 0.5 s, report the minimum
 * per-call time over 5 batches. The tangent is checked against the closed form first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "../bench_timing.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_fwddiff(void *, ...);

__attribute__((noinline)) void primal(const double *restrict x, double *restrict y, int n) {
  for (int i = 0; i < n; ++i) y[i] = sin(x[i]) * x[i];
}

__attribute__((noinline)) void tangent(const double *x, const double *dx, double *y, double *dy, int n) {
  __enzyme_fwddiff((void *)primal, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, n);
}

struct args { double *x, *dx, *y, *dy; int n; };
static void run_primal(void *a) { struct args *p = a; primal(p->x, p->y, p->n); }
static void run_tangent(void *a) { struct args *p = a; tangent(p->x, p->dx, p->y, p->dy, p->n); }

int main(void) {
  const int n = 1000000;
  struct args a = { malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)), malloc(n * sizeof(double)), n };
  for (int i = 0; i < n; ++i) { a.x[i] = -3.0 + 6.0 * i / n; a.dx[i] = 1.0 + 0.5 * sin(i); }
  run_tangent(&a);
  double worst = 0.0;
  for (int i = 0; i < n; ++i) {
    double expected = (cos(a.x[i]) * a.x[i] + sin(a.x[i])) * a.dx[i];
    double error = fabs(a.dy[i] - expected) / (1.0 + fabs(expected));
    if (error > worst) worst = error;
  }
  if (worst > 1e-12) { printf("tangent check FAILED: max relative error %.3e\n", worst); return 1; }
  double tp = bench_per_call(run_primal, &a), tt = bench_per_call(run_tangent, &a);
  printf("forward_sin n=%d primal %.3f ms, forward derivative %.3f ms, ratio %.2f (tangent max rel. error %.1e)\n",
         n, 1e3 * tp, 1e3 * tt, tt / tp, worst);
  return 0;
}
