/* cross_unit_calls: functions defined in rows.c and buffers.c, called from main.c. */
#ifndef CROSS_UNIT_H
#define CROSS_UNIT_H
#include <stdlib.h>

__attribute__((noinline)) double *row_at(double *m, int row, int cols);
__attribute__((noinline)) double *max_ptr(double *x, int n);
__attribute__((noinline)) double horner_rec(const double *c, double t, int n);
__attribute__((noinline)) double *smooth_copy(const double *x, int n, double w);

#endif
