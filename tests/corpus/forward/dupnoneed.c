/* enzyme_dupnoneed: only the shadow of the output is needed, the primal may be left unwritten. */
#include "enzyme_test.h"

static void squares(const double *in, double *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = in[i] * in[i] + sin(in[i]);
}

static double sum_and_store(double x, double *out)
{
    double y = exp(x) * x;
    *out = y * y;
    return y;
}

int main(void)
{
    double in[3] = {0.5, -1.0, 2.0}, din[3] = {1.0, 2.0, 3.0};
    double out[3] = {0, 0, 0}, dout[3] = {0, 0, 0};
    __enzyme_fwddiff_v((void *)squares, in, din, enzyme_dupnoneed, out, dout, 3);
    for (int i = 0; i < 3; i++)
        check_close("squares shadow", dout[i], (2 * in[i] + cos(in[i])) * din[i], 1e-15);
    double o = 0, d_o = 0;
    double x = 0.7, y = exp(x) * x;
    double dy = __enzyme_fwddiff((void *)sum_and_store, x, 1.0, enzyme_dupnoneed, &o, &d_o);
    check_close("sum_and_store ret", dy, exp(x) * (1 + x), 1e-15);
    check_close("sum_and_store shadow", d_o, 2 * y * exp(x) * (1 + x), 1e-14);
    return corpus_exit();
}
