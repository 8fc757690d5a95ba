/* enzyme_dupv: in vector mode, the N shadows of an argument lie in one buffer at a byte stride. */
#include "enzyme_test.h"

typedef struct { double d[2]; } Tangents2;
typedef struct { double d[3]; } Tangents3;
extern Tangents2 __enzyme_fwddiff2(void *, ...);
extern Tangents3 __enzyme_fwddiff3(void *, ...);
extern void __enzyme_fwddiffv(void *, ...);

static double energy(const double *x, int n)
{
    double e = 0.0;
    for (int i = 0; i < n; i++)
        e += x[i] * x[i] * (i + 1) + cos(x[i]);
    return e;
}

static void square_all(const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = x[i] * x[i];
}

int main(void)
{
    double x[3] = {0.5, -1.0, 2.0};
    /* the 3 seed vectors stored contiguously: shadow k at byte offset k * 3 * sizeof(double) */
    double seeds[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    Tangents3 g = __enzyme_fwddiff3((void *)energy, enzyme_width, 3, enzyme_dupv, (long)sizeof(seeds[0]), x, &seeds[0][0], 3);
    for (int i = 0; i < 3; i++)
        check_close("grad via dupv", g.d[i], 2 * x[i] * (i + 1) - sin(x[i]), 1e-15);

    /* width 2 with both input and output given by dupv */
    double dirs[2][3] = {{1, 1, 1}, {0, 2, 0}};
    double y[3], dys[2][3];
    __enzyme_fwddiffv((void *)square_all, enzyme_width, 2, enzyme_dupv, (long)sizeof(dirs[0]), x, &dirs[0][0],
                      enzyme_dupv, (long)sizeof(dys[0]), y, &dys[0][0], 3);
    for (int i = 0; i < 3; i++) {
        check_close("dys[0]", dys[0][i], 2 * x[i] * dirs[0][i], 1e-15);
        check_close("dys[1]", dys[1][i], 2 * x[i] * dirs[1][i], 1e-15);
    }
    /* a stride larger than the data: shadows interleaved with padding */
    double padded[2][4] = {{1, 0, 0, -99}, {0, 0, 1, -99}};
    Tangents2 h = __enzyme_fwddiff2((void *)energy, enzyme_width, 2, enzyme_dupv, (long)sizeof(padded[0]), x, &padded[0][0], 3);
    check_close("padded 0", h.d[0], 2 * x[0] - sin(x[0]), 1e-15);
    check_close("padded 1", h.d[1], 2 * x[2] * 3 - sin(x[2]), 1e-15);
    return corpus_exit();
}
