/* Loop shapes whose reverse sweep finds each inner entry's first iteration from its trip count
 * (recomputed, not cached), pointer inductions (p++) rebuilt from their start, and merge blocks
 * whose predecessor is read from the guard's condition: triangular and unsigned inner loops,
 * inner loops stepping by 3 and by -1, a pointer walk to an end pointer, an i32 inner bound that
 * depends on two outer indices, and ifs without else inside each. */
#include "enzyme_reverse_test.h"

/* Packed lower triangle walked with a pointer, as in the GMM objective: t[row] += *l++ * z[col]. */
static double packed_lower(const double *x, const double *l, int n)
{
    double t[8];
    for (int j = 0; j < n; j++) t[j] = x[j] * x[j];
    const double *p = l;
    for (int col = 0; col < n; col++) {
        for (int row = col + 1; row < n; row++) t[row] += *p++ * sin(x[col]);
    }
    double s = 0.0;
    for (int j = 0; j < n; j++) s += t[j] * t[j];
    return s;
}

/* unsigned counters, a step of 3, a downward loop and an if without else in each */
static double strided(const double *x, unsigned n)
{
    double s = 0.0;
    for (unsigned i = 1; i < n; i++) {
        for (unsigned j = i % 3; j < i; j += 3) {
            double v = x[j] * x[i];
            if (v > 0.0) v = v * v;
            s += v;
        }
        for (int k = (int)i; k > 0; k--) {
            if (k & 1) s += 0.5 * x[k - 1] * x[i];
        }
    }
    return s;
}

/* a pointer loop to an end pointer, entered per row with a row-dependent length */
static double pointer_rows(const double *x, int n)
{
    double s = 0.0;
    for (int r = 0; r < n; r++) {
        const double *end = x + n - r / 2;
        double row = 1.0;
        for (const double *p = x + r / 2; p != end; ++p) row = row * 0.9 + exp(0.3 * *p);
        s += log(row);
    }
    return s;
}

/* an int inner bound depending on two outer indices, and a zero-trip guard on every level */
static double three_level(const double *x, int n)
{
    double s = 0.0;
    for (int a = 0; a < n; a++) {
        for (int b = 0; b < a; b++) {
            int m = (a + b) % 4;
            double part = 0.0;
            for (int c = 0; c < m; c++) part += x[(a + c) % n] * x[(b + 2 * c) % n];
            if (m > 1) s += part * part;
        }
    }
    return s;
}

struct packed_context { double *l; int n; };
static double wpacked(double *x, void *c) { struct packed_context *p = c; return packed_lower(x, p->l, p->n); }
static double wpacked_l(double *l, void *c) { struct packed_context *p = c; return packed_lower(p->l, l, p->n); }
static double wstrided(double *x, void *c) { return strided(x, *(unsigned *)c); }
static double wrows(double *x, void *c) { return pointer_rows(x, *(int *)c); }
static double wthree(double *x, void *c) { return three_level(x, *(int *)c); }

int main(void)
{
    rev_seed(8081);
    int n = 7;
    unsigned un = 7;
    double x[7], l[21], v[7], vl[21];
    rev_rand_fill(x, 7);
    rev_rand_fill(l, 21);
    rev_rand_fill(v, 7);
    rev_rand_fill(vl, 21);
    double w = rev_rand();

    double dx[7] = {0}, dl[21] = {0};
    __enzyme_autodiff_v((void *)packed_lower, x, dx, l, dl, n);
    struct packed_context at_l = {l, n}, at_x = {x, n};
    rev_check_grad("packed dx", wpacked, &at_l, x, dx, 7, REV_H, REV_TOL);
    rev_check_grad("packed dl", wpacked_l, &at_x, l, dl, 21, REV_H, REV_TOL);
    rev_check_dot("packed", w * __enzyme_fwddiff((void *)packed_lower, x, v, l, vl, n), w * (rev_dot(v, dx, 7) + rev_dot(vl, dl, 21)));

    double ds[7] = {0};
    __enzyme_autodiff_v((void *)strided, x, ds, un);
    rev_check_grad("strided", wstrided, &un, x, ds, 7, REV_H, REV_TOL);
    rev_check_dot("strided", w * __enzyme_fwddiff((void *)strided, x, v, un), w * rev_dot(v, ds, 7));

    double dr[7] = {0};
    __enzyme_autodiff_v((void *)pointer_rows, x, dr, n);
    rev_check_grad("pointer rows", wrows, &n, x, dr, 7, REV_H, REV_TOL);
    rev_check_dot("pointer rows", w * __enzyme_fwddiff((void *)pointer_rows, x, v, n), w * rev_dot(v, dr, 7));

    double dt[7] = {0};
    __enzyme_autodiff_v((void *)three_level, x, dt, n);
    rev_check_grad("three level", wthree, &n, x, dt, 7, REV_H, REV_TOL);
    rev_check_dot("three level", w * __enzyme_fwddiff((void *)three_level, x, v, n), w * rev_dot(v, dt, 7));
    return corpus_exit();
}
