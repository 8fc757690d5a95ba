/* switch statements selecting different formulas, inside a loop and on a computed integer. */
#include "enzyme_test.h"

static double apply(int op, double x)
{
    switch (op) {
    case 0: return x * x;
    case 1: return sin(x);
    case 2: return exp(-x);
    case 3:
    case 4: return x / (1.0 + x * x);
    default: return 2.0 * x;
    }
}

static double program(double x, const int *ops, int n)
{
    double v = x;
    for (int i = 0; i < n; i++) {
        switch (ops[i]) {
        case 0: v = v * v; break;
        case 1: v = sin(v); break;
        case 2: v = exp(-v); break;
        case 7: v = v + x; /* fall through */
        case 8: v = v * 0.5; break;
        default: v = v - 1.0; break;
        }
    }
    return v;
}

/* switch on an integer derived from the active value */
static double bucket(double x)
{
    switch ((int)floor(x)) {
    case 0: return x * 3.0;
    case 1: return x * x;
    case 2: return log(x);
    default: return 1.0;
    }
}

static int g_op;
static double w_apply(double x) { return apply(g_op, x); }
static const int ops[6] = {1, 7, 0, 2, 8, 5};
static double w_program(double x) { return program(x, ops, 6); }

int main(void)
{
    for (g_op = 0; g_op < 6; g_op++)
        check_close("apply", __enzyme_fwddiff((void *)apply, g_op, 0.7, 1.0), central_diff(w_apply, 0.7, CORPUS_H), 1e-6);
    check_close("program", __enzyme_fwddiff((void *)program, 0.9, 1.0, enzyme_const, ops, 6), central_diff(w_program, 0.9, CORPUS_H), 1e-6);
    const double pts[] = {0.5, 1.5, 2.5, 3.5};
    for (int i = 0; i < 4; i++)
        check_close("bucket", __enzyme_fwddiff((void *)bucket, pts[i], 1.0), central_diff(bucket, pts[i], CORPUS_H), 1e-6);
    return corpus_exit();
}
