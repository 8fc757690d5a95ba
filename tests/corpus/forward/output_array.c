/* Results written to a duplicated output array: the derivatives land in its shadow. */
#include "enzyme_test.h"

static void polar_to_cartesian(double r, double theta, double *out)
{
    out[0] = r * cos(theta);
    out[1] = r * sin(theta);
    out[2] = r * r;
}

static void cumulative(const double *in, double *out, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        s += in[i] * in[i];
        out[i] = sqrt(s);
    }
}

/* both returns a value and writes outputs */
static double stats(const double *in, int n, double *mean_out)
{
    double m = 0.0, v = 0.0;
    for (int i = 0; i < n; i++) m += in[i];
    m /= n;
    for (int i = 0; i < n; i++) v += (in[i] - m) * (in[i] - m);
    *mean_out = m;
    return v / (n - 1);
}

int main(void)
{
    double r = 2.0, th = 0.6, out[3], dout[3] = {7, 7, 7};
    __enzyme_fwddiff_v((void *)polar_to_cartesian, r, 1.0, th, 0.0, out, dout);
    check_close("d out0/dr", dout[0], cos(th), 1e-15);
    check_close("d out1/dr", dout[1], sin(th), 1e-15);
    check_close("d out2/dr", dout[2], 2 * r, 1e-15);
    check_close("primal out0", out[0], r * cos(th), 1e-15);
    __enzyme_fwddiff_v((void *)polar_to_cartesian, r, 0.0, th, 1.0, out, dout);
    check_close("d out0/dth", dout[0], -r * sin(th), 1e-15);
    check_close("d out1/dth", dout[1], r * cos(th), 1e-15);
    check_close("d out2/dth", dout[2], 0.0, 0.0);

    double in[4] = {3.0, 4.0, 0.0, 12.0}, din[4] = {1.0, 0.0, 0.0, 0.0}, c[4], dc[4];
    __enzyme_fwddiff_v((void *)cumulative, in, din, c, dc, 4);
    check_close("cumulative primal", c[3], 13.0, 1e-15);
    check_close("cumulative d0", dc[0], 1.0, 1e-15);
    check_close("cumulative d1", dc[1], 3.0 / 5.0, 1e-15);
    check_close("cumulative d3", dc[3], 3.0 / 13.0, 1e-15);

    double x[3] = {1.0, 2.0, 6.0}, dx[3] = {1.0, 1.0, 1.0}, mean = 0, dmean = 0;
    double dvar = __enzyme_fwddiff((void *)stats, x, dx, 3, &mean, &dmean);
    check_close("stats dvar (shift invariant)", dvar, 0.0, 1e-15);
    check_close("stats dmean", dmean, 1.0, 1e-15);
    check_close("stats mean", mean, 3.0, 1e-15);
    return corpus_exit();
}
