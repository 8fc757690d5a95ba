/* scalar_intrinsics: both partials of a Fortran bind(c) function of two values, against central differences
 * and forward mode, at points on both sides of the max/min switches. */
#include "enzyme_reverse_test.h"

double blend(double x, double y, int k);

int main(void)
{
    const double points[3][2] = {{0.7, 1.3}, {-0.4, 0.9}, {1.1, -0.6}};
    for (int p = 0; p < 3; p++) {
        double x = points[p][0], y = points[p][1];
        char what[32];
        Grad2 g = __enzyme_autodiff2((void *)blend, x, y, enzyme_const, 3);
        snprintf(what, sizeof what, "d/dx at point %d", p);
        check_close(what, g.a, (blend(x + REV_H, y, 3) - blend(x - REV_H, y, 3)) / (2 * REV_H), REV_TOL);
        snprintf(what, sizeof what, "d/dy at point %d", p);
        check_close(what, g.b, (blend(x, y + REV_H, 3) - blend(x, y - REV_H, 3)) / (2 * REV_H), REV_TOL);
        double vx = 0.3 + p, vy = -0.8;
        snprintf(what, sizeof what, "point %d", p);
        rev_check_dot(what, __enzyme_fwddiff((void *)blend, x, vx, y, vy, enzyme_const, 3), vx * g.a + vy * g.b);
    }
    return corpus_exit();
}
