/* Vector mode, enzyme_width 2: two tangent directions in one call, returned as a struct of 2. */
#include "enzyme_test.h"

typedef struct { double d[2]; } Tangents2;
extern Tangents2 __enzyme_fwddiff2(void *, ...);
extern void __enzyme_fwddiff2v(void *, ...);

static double f(double x, double y) { return sin(x * y) + x * x * exp(y); }

static double norm_weighted(const double *v, int n, double w)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += w * v[i] * v[i];
    return sqrt(s);
}

static void rotate(double theta, const double *in, double *out)
{
    out[0] = cos(theta) * in[0] - sin(theta) * in[1];
    out[1] = sin(theta) * in[0] + cos(theta) * in[1];
}

int main(void)
{
    double x = 0.7, y = -0.4;
    /* both partial derivatives at once: directions (1,0) and (0,1) */
    Tangents2 g = __enzyme_fwddiff2((void *)f, enzyme_width, 2, x, 1.0, 0.0, y, 0.0, 1.0);
    check_close("df/dx", g.d[0], y * cos(x * y) + 2 * x * exp(y), 1e-15);
    check_close("df/dy", g.d[1], x * cos(x * y) + x * x * exp(y), 1e-15);

    double v[3] = {1.0, 2.0, 2.0}, dv0[3] = {1.0, 0.0, 0.0}, dv1[3] = {0.0, 0.0, 1.0};
    Tangents2 n = __enzyme_fwddiff2((void *)norm_weighted, enzyme_width, 2, v, dv0, dv1, 3, 4.0, 0.0, 1.0);
    /* sqrt(w * 9) = 6 at w = 4: d/dv0 = w v0 / 6, d/dw (direction 1) = 9/12 + w v2/6 */
    check_close("norm dir0", n.d[0], 4.0 * 1.0 / 6.0, 1e-15);
    check_close("norm dir1", n.d[1], 9.0 / 12.0 + 4.0 * 2.0 / 6.0, 1e-15);

    double in[2] = {1.0, 0.5}, out[2], dout0[2], dout1[2];
    double din0[2] = {0.0, 0.0}, din1[2] = {1.0, 0.0};
    double th = 0.3;
    __enzyme_fwddiff2v((void *)rotate, enzyme_width, 2, th, 1.0, 0.0, in, din0, din1, out, dout0, dout1);
    check_close("rotate dtheta 0", dout0[0], -sin(th) * in[0] - cos(th) * in[1], 1e-15);
    check_close("rotate dtheta 1", dout0[1], cos(th) * in[0] - sin(th) * in[1], 1e-15);
    check_close("rotate din0 0", dout1[0], cos(th), 1e-15);
    check_close("rotate din0 1", dout1[1], sin(th), 1e-15);
    check_close("rotate primal", out[1], sin(th) * in[0] + cos(th) * in[1], 1e-15);
    return corpus_exit();
}
