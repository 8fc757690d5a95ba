/* modf / modff / modfl: fractional part (derivative 1), integral part through a pointer (derivative 0). */
#include "enzyme_test.h"

static double w_modf(double x)
{
    double ip;
    double fr = modf(x * x, &ip);
    return fr * 2.0 + ip;
}
/* integral part written to a caller-provided (duplicated) pointer: its shadow receives 0 */
static double w_modf_out(double x, double *ip) { return modf(x * 5.0, ip); }
static float w_modff(float x) { float ip; return modff(x * 4.0f, &ip) + ip; }
static long double w_modfl(long double x) { long double ip; return modfl(x * 4.0L, &ip) + ip; }

int main(void)
{
    const double pts[] = {1.3, -0.77, 5.5};
    for (int i = 0; i < 3; i++) {
        double x = pts[i];
        check_close("modf fd", __enzyme_fwddiff((void *)w_modf, x, 1.0), central_diff(w_modf, x, CORPUS_H), 1e-6);
        check_close("modf closed", __enzyme_fwddiff((void *)w_modf, x, 1.0), 4.0 * x, 1e-14);
    }
    double ip = -1, dip = 42.0;
    double d = __enzyme_fwddiff((void *)w_modf_out, 2.34, 1.0, &ip, &dip);
    check_close("modf out tangent", d, 5.0, 1e-14);
    check_close("modf out primal", ip, 11.0, 0.0);
    check_close("modf out shadow zero", dip, 0.0, 0.0);
    check_close("modff", __enzyme_fwddiff_f((void *)w_modff, 0.4f, 1.0f), 4.0, 1e-6);
    check_close("modfl", (double)__enzyme_fwddiff_l((void *)w_modfl, 0.4L, 1.0L), 4.0, 1e-15);
    return corpus_exit();
}
