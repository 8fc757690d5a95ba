/* cross_unit_calls: the differentiated objective is in this unit, every function it calls is defined in
 * another translation unit (rows.c, buffers.c) and is noinline, so at -O0 and -O2 alike the engine sees
 * calls across modules: a function returning a pointer into its argument (row_at), a recursive function
 * returning a pointer into its argument (max_ptr; the objective writes through the returned pointer), a
 * recursive scalar function (horner_rec), and a function returning a fresh malloc'd buffer (smooth_copy)
 * that the objective frees, all called in a loop over rows. Gradient w.r.t. the matrix and the smoothing
 * weight against central differences, and the dot-product test against forward mode. */
#include "enzyme_reverse_test.h"
#include "cross_unit.h"

#define ROWS 4
#define COLS 6

static double objective(double *m, double w, int rows, int cols)
{
    double s = 0.0;
    for (int r = 0; r < rows; r++) {
        double *row = row_at(m, r, cols);
        double *buf = smooth_copy(row, cols, w);
        double *peak = max_ptr(buf, cols);
        double p = *peak;
        *peak = 0.5 * p * p; /* written through a pointer returned by a recursive call */
        double t = 0.3 + 0.1 * r;
        s += p * horner_rec(buf, t, cols) + row[0] * w;
        free(buf);
    }
    return s;
}

static double at_m(double *m, void *c) { return objective(m, *(double *)c, ROWS, COLS); }
static double at_w(double *w, void *c) { return objective((double *)c, w[0], ROWS, COLS); }

int main(void)
{
    rev_seed(3131);
    double m[ROWS * COLS], dm[ROWS * COLS] = {0}, vm[ROWS * COLS], w = 0.35;
    rev_rand_fill(m, ROWS * COLS);
    rev_rand_fill(vm, ROWS * COLS);
    double dw = __enzyme_autodiff((void *)objective, enzyme_dup, m, dm, enzyme_out, w, enzyme_const, ROWS, enzyme_const, COLS);
    rev_check_grad("dm", at_m, &w, m, dm, ROWS * COLS, REV_H, REV_TOL);
    double warr[1] = {w};
    rev_check_grad("dw", at_w, m, warr, &dw, 1, REV_H, REV_TOL);

    /* A second gradient must be identical (the tapes of the recursive calls are per call). */
    double dm2[ROWS * COLS] = {0};
    double dw2 = __enzyme_autodiff((void *)objective, enzyme_dup, m, dm2, enzyme_out, w, enzyme_const, ROWS, enzyme_const, COLS);
    check_close("second dw", dw2, dw, 1e-15);
    for (int i = 0; i < ROWS * COLS; i += 5) check_close("second dm", dm2[i], dm[i], 1e-15);

    double vw = rev_rand(), ww = rev_rand();
    rev_check_dot("objective",
                  ww * __enzyme_fwddiff((void *)objective, enzyme_dup, m, vm, w, vw, enzyme_const, ROWS, enzyme_const, COLS),
                  ww * (rev_dot(vm, dm, ROWS * COLS) + vw * dw));
    return corpus_exit();
}
