/* Stack arrays (fixed and variable length) inside the differentiated function. */
#include "enzyme_test.h"

static double fixed_stack(double x)
{
    double buf[8];
    buf[0] = x;
    for (int i = 1; i < 8; i++)
        buf[i] = buf[i - 1] * 0.5 + sin(buf[i - 1]);
    double s = 0.0;
    for (int i = 7; i >= 0; i -= 2)
        s += buf[i] * buf[7 - i];
    return s;
}

static double vla(double x, int n)
{
    double tmp[n];
    for (int i = 0; i < n; i++)
        tmp[i] = pow(x, (double)i) / (i + 1);
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += tmp[n - 1 - i] * tmp[i];
    return s;
}

static double matrix2d(double x)
{
    double m[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            m[i][j] = (i == j) ? x + i : x * 0.1 * (i - j);
    /* determinant */
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

static double w_vla(double x, void *c) { return vla(x, *(int *)c); }

int main(void)
{
    check_close("fixed_stack", __enzyme_fwddiff((void *)fixed_stack, 0.4, 1.0), central_diff(fixed_stack, 0.4, CORPUS_H), 1e-6);
    for (int n = 1; n < 9; n += 3)
        check_close("vla", __enzyme_fwddiff((void *)vla, 1.2, 1.0, n), central_diff_ctx(w_vla, &n, 1.2, CORPUS_H), 1e-6);
    check_close("matrix2d", __enzyme_fwddiff((void *)matrix2d, 0.7, 1.0), central_diff(matrix2d, 0.7, CORPUS_H), 1e-6);
    return corpus_exit();
}
