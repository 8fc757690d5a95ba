/* The ADBench timing method, shared by every benchmark's native code: call a function again
 * and again until one batch has taken at least 0.5 s, do 5 such batches, and report the
 * smallest time per call. The minimum is the estimate least disturbed by the rest of the
 * machine (other processes, frequency changes), which matters on a small shared VM.
 *
 * Usage (C or C++):
 *     static void run_gradient(void *state) { ... one call of the thing being timed ... }
 *     double seconds = adbench_seconds_per_call(run_gradient, &state);
 *
 * ADBENCH_MIN_BATCH_SECONDS in the environment shortens the batch for quick trial runs during
 * development; ./build.sh bench leaves it unset. */
#ifndef ADBENCH_TIMING_H
#define ADBENCH_TIMING_H

#include <stdlib.h>
#include <time.h>

#define ADBENCH_BATCHES 5
#define ADBENCH_MIN_BATCH_SECONDS 0.5

typedef void (*adbench_call)(void *state);

static inline double adbench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline double adbench_min_batch_seconds(void)
{
    const char *text = getenv("ADBENCH_MIN_BATCH_SECONDS");
    if (text != NULL) {
        double seconds = strtod(text, NULL);
        if (seconds > 0.0) {
            return seconds;
        }
    }
    return ADBENCH_MIN_BATCH_SECONDS;
}

/* Seconds per call of call(state): the minimum over ADBENCH_BATCHES batches of the mean time
 * per call in a batch that ran until it had taken the minimum batch time. */
static inline double adbench_seconds_per_call(adbench_call call, void *state)
{
    double min_batch = adbench_min_batch_seconds();
    double best = 1e300;
    for (int batch = 0; batch < ADBENCH_BATCHES; ++batch) {
        long calls = 0;
        double start = adbench_now(), elapsed;
        do {
            call(state);
            /* The state escapes to the compiler here: no call can be hoisted out of the loop
             * or removed as dead, even when call is inlined. */
            __asm__ volatile("" : : "r"(state) : "memory");
            ++calls;
            elapsed = adbench_now() - start;
        } while (elapsed < min_batch);
        double per_call = elapsed / (double)calls;
        if (per_call < best) {
            best = per_call;
        }
    }
    return best;
}

#endif
