/* Shared timing for the benchmarks: the ADBench method — repeat a call until a batch takes
 * at least 0.5 s, report the minimum per-call time over 5 batches. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H
#include <time.h>

static double bench_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double bench_per_call(void (*f)(void *), void *state) {
  double best = 1e30;
  for (int batch = 0; batch < 5; ++batch) {
    int calls = 0;
    double start = bench_now(), elapsed;
    do {
      f(state);
      __asm__ volatile("" : : "r"(state) : "memory"); /* the state escapes: no call can be hoisted */
      ++calls;
      elapsed = bench_now() - start;
    } while (elapsed < 0.5);
    if (elapsed / calls < best) best = elapsed / calls;
  }
  return best;
}
#endif
