/* Early returns from inside loops and nested conditions. */
#include "enzyme_test.h"

static double first_above(const double *a, int n, double t)
{
    for (int i = 0; i < n; i++) {
        if (a[i] * a[i] > t)
            return a[i] * t;
        if (a[i] < -5.0)
            return -1.0;
    }
    return t * t;
}

static double guarded(double x)
{
    if (x <= 0.0)
        return 0.0;
    double y = log(x);
    if (y > 1.0)
        return y * y;
    return y + x;
}

static double a_buf[4] = {0.5, 0.9, 1.6, 3.0};
static double w_first_t(double t) { return first_above(a_buf, 4, t); }
static double w_first_a2(double v, void *c) { double b[4] = {0.5, 0.9, v, 3.0}; (void)c; return first_above(b, 4, 2.0); }

int main(void)
{
    double da[4] = {0, 0, 0, 0};
    const double ts[] = {0.6, 2.0, 5.0, 12.0};
    for (int i = 0; i < 4; i++)
        check_close("first_above dt", __enzyme_fwddiff((void *)first_above, a_buf, da, 4, ts[i], 1.0), central_diff(w_first_t, ts[i], CORPUS_H), 1e-6);
    double db[4] = {0, 0, 1.0, 0};
    check_close("first_above da", __enzyme_fwddiff((void *)first_above, a_buf, db, 4, 2.0, 0.0), central_diff_ctx(w_first_a2, 0, 1.6, CORPUS_H), 1e-6);
    const double xs[] = {-1.0, 0.5, 2.0, 5.0};
    for (int i = 0; i < 4; i++)
        check_close("guarded", __enzyme_fwddiff((void *)guarded, xs[i], 1.0), central_diff(guarded, xs[i], CORPUS_H), 1e-6);
    return corpus_exit();
}
