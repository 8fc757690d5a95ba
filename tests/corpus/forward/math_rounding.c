/* Piecewise-constant and remainder functions: floor ceil trunc round rint nearbyint fmod remainder. */
#include "enzyme_test.h"

static double w_round_sum(double x) { return x * floor(x) + ceil(x) * x + trunc(x) + round(x) + rint(x) + nearbyint(x); }
static double w_floor_only(double x) { return floor(x * 3.0) + ceil(x) + trunc(-x) + round(x) + rint(x) + nearbyint(x); }
static double fmod2(double x, double y) { return fmod(x, y); }
static double rem2(double x, double y) { return remainder(x, y); }
static double fmod_x(double x) { return fmod(x * x, 0.7); }
static double rem_y(double y) { return remainder(5.3, y); }
static double fmod_y(double y) { return fmod(5.3, y); }

#define H CORPUS_H

int main(void)
{
    const double pts[] = {1.37, -2.61, 0.42};
    for (int i = 0; i < 3; i++) {
        double x = pts[i];
        check_close("round sum", __enzyme_fwddiff((void *)w_round_sum, x, 1.0), central_diff(w_round_sum, x, H), 1e-6);
        check_close("round sum closed", __enzyme_fwddiff((void *)w_round_sum, x, 1.0), floor(x) + ceil(x), 1e-15);
        check_close("floor only zero", __enzyme_fwddiff((void *)w_floor_only, x, 1.0), 0.0, 0.0);
    }
    double x = 5.3, y = 1.7;
    check_close("fmod dx", __enzyme_fwddiff((void *)fmod2, x, 1.0, y, 0.0), 1.0, 1e-15);
    check_close("fmod dy", __enzyme_fwddiff((void *)fmod2, x, 0.0, y, 1.0), -trunc(x / y), 1e-15);
    check_close("remainder dx", __enzyme_fwddiff((void *)rem2, x, 1.0, y, 0.0), 1.0, 1e-15);
    check_close("remainder dy", __enzyme_fwddiff((void *)rem2, x, 0.0, y, 1.0), -rint(x / y), 1e-15);
    check_close("fmod x fd", __enzyme_fwddiff((void *)fmod_x, 1.1, 1.0), central_diff(fmod_x, 1.1, H), 1e-6);
    check_close("remainder y fd", __enzyme_fwddiff((void *)rem_y, 1.9, 1.0), central_diff(rem_y, 1.9, H), 1e-6);
    check_close("fmod y fd", __enzyme_fwddiff((void *)fmod_y, 1.9, 1.0), central_diff(fmod_y, 1.9, H), 1e-6);
    return corpus_exit();
}
