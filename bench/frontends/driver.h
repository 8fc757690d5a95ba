/* What the three drivers of bench/frontends share: the rows they hand to run.sh, a seeded
 * random generator for the generated inputs, and the error measure of a gradient check.
 *
 * A driver writes one line per timing to the file named by its first argument, tab-separated:
 *     tool <TAB> seconds <TAB> ratio <TAB> checked (0/1) <TAB> note
 * run.sh names the case (benchmark and recipe), appends the recipe's flags to the note and writes
 * the JSON: the drivers stay free of JSON quoting, and a recipe that never got as far as a driver
 * (enzyme-ad failed) gets its rows from the same place. */
#ifndef FRONTENDS_DRIVER_H
#define FRONTENDS_DRIVER_H

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline FILE *frontends_open_rows(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s ROWS.tsv [inputs]\n", argv[0]);
        exit(2);
    }
    FILE *rows = fopen(argv[1], "w");
    if (rows == NULL) {
        perror(argv[1]);
        exit(2);
    }
    return rows;
}

/* One row, echoed to stdout for the log. A note must hold no tab or newline (run.sh splits on
 * them); the drivers' notes are fixed text and numbers. */
static inline void frontends_row(FILE *rows, const char *tool, double seconds, double primal, int ok,
                          const char *format, ...)
{
    char note[512];
    va_list args;
    va_start(args, format);
    vsnprintf(note, sizeof note, format, args);
    va_end(args);
    fprintf(rows, "%s\t%.17g\t%.17g\t%d\t%s\n", tool, seconds, seconds / primal, ok, note);
    printf("   %-16s %12.6f ms  ratio %7.2f  %s  %s\n", tool, 1e3 * seconds, seconds / primal, ok ? "ok" : "WRONG", note);
}

/* splitmix64: a few lines, good enough for test inputs, and the same numbers on every machine
 * (rand() is not). */
static uint64_t frontends_random_state;

static inline void frontends_seed(uint64_t seed) { frontends_random_state = seed; }

static inline double frontends_uniform(double low, double high)
{
    uint64_t z = (frontends_random_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return low + (high - low) * (double)(z >> 11) * 0x1.0p-53;
}

static inline int frontends_below(int count) { return (int)frontends_uniform(0.0, (double)count) % count; }

/* The larger of two errors, where NaN (a derivative that came out NaN) is larger than any. */
static inline double frontends_worse(double worst, double error)
{
    return isnan(worst) || isnan(error) ? NAN : fmax(worst, error);
}

/* max_j |a_j - b_j| / max_j |b_j|: a component tiny next to the others is judged by the scale of
 * the whole gradient, which rounding would otherwise dominate. NaN anywhere gives NaN, which
 * fails every "error <= tolerance" test. */
static inline double frontends_relative_error(const double *actual, const double *reference, int count)
{
    double worst = 0.0, scale = 0.0;
    for (int j = 0; j < count; ++j) {
        double difference = fabs(actual[j] - reference[j]);
        if (isnan(difference)) {
            return NAN;
        }
        if (difference > worst) {
            worst = difference;
        }
        if (fabs(reference[j]) > scale) {
            scale = fabs(reference[j]);
        }
    }
    return worst / (scale > 0.0 ? scale : 1e-300);
}

#endif
