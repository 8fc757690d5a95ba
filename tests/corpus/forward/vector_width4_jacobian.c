/* Vector mode, enzyme_width 4: the full 3x4 Jacobian of a vector function R^4 -> R^3 in one call,
 * and a scalar function's gradient returned as a struct of 4 tangents. */
#include "enzyme_test.h"

typedef struct { double d[4]; } Tangents4;
extern Tangents4 __enzyme_fwddiff4(void *, ...);
extern void __enzyme_fwddiff4v(void *, ...);

static void vfun(const double *x, double *y)
{
    y[0] = x[0] * x[1] + sin(x[2]);
    y[1] = exp(x[3] - x[0]) * x[2];
    y[2] = sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2] + x[3] * x[3]);
}

static double scal(const double *x) { return x[0] * x[1] * x[2] * x[3] + log(x[0] + x[3]); }

static double vfun_i(double *x, void *c)
{
    double y[3];
    vfun(x, y);
    return y[*(int *)c];
}

int main(void)
{
    double x[4] = {0.3, 1.2, -0.7, 0.5};
    double seeds[4][4] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    double y[3], dy[4][3];
    __enzyme_fwddiff4v((void *)vfun, enzyme_width, 4, x, seeds[0], seeds[1], seeds[2], seeds[3], y, dy[0], dy[1], dy[2], dy[3]);
    char what[64];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++) {
            snprintf(what, sizeof what, "J[%d][%d]", i, j);
            check_close(what, dy[j][i], central_diff_dir(vfun_i, &i, x, seeds[j], 4, CORPUS_H), 1e-6);
        }
    check_close("y2 primal", y[2], sqrt(0.09 + 1.44 + 0.49 + 0.25), 1e-15);

    Tangents4 g = __enzyme_fwddiff4((void *)scal, enzyme_width, 4, x, seeds[0], seeds[1], seeds[2], seeds[3]);
    double prod = x[0] * x[1] * x[2] * x[3];
    check_close("grad 0", g.d[0], prod / x[0] + 1 / (x[0] + x[3]), 1e-14);
    check_close("grad 1", g.d[1], prod / x[1], 1e-14);
    check_close("grad 2", g.d[2], prod / x[2], 1e-14);
    check_close("grad 3", g.d[3], prod / x[3] + 1 / (x[0] + x[3]), 1e-14);
    return corpus_exit();
}
