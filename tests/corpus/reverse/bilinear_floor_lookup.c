/* Bilinear interpolation in a gridded table, as in image warping or a lookup-table model: the cell
 * index comes from floor() of the scaled coordinate (an integer conversion the gradient passes over),
 * clamped to the grid with fmin/fmax, the fractional part weights the four corner values. The query
 * points are transformed by an active affine map first, so the gradient flows into the grid values
 * (through the weights) and into the map parameters and points (through the fractional parts).
 * Closed form: the gradient w.r.t. the grid values sums to the number of queries (weights sum to 1).
 * Dot-product test. */
#include "enzyme_reverse_test.h"

#define GX 7
#define GY 6
#define Q 9

static double interp(const double *grid, double x, double y)
{
    double fx = fmin(fmax(x, 0.0), GX - 1.000001), fy = fmin(fmax(y, 0.0), GY - 1.000001);
    double cx = floor(fx), cy = floor(fy);
    int i = (int)cx, j = (int)cy;
    double tx = fx - cx, ty = fy - cy;
    const double *r0 = grid + j * GX, *r1 = grid + (j + 1) * GX;
    return (1 - ty) * ((1 - tx) * r0[i] + tx * r0[i + 1]) + ty * ((1 - tx) * r1[i] + tx * r1[i + 1]);
}

/* map = {a, b, c, d, e, f}: (x, y) -> (a x + b y + c, d x + e y + f) */
static double sample_sum(const double *grid, const double *map, const double *pts)
{
    double s = 0.0;
    for (int q = 0; q < Q; q++) {
        double x = map[0] * pts[2 * q] + map[1] * pts[2 * q + 1] + map[2];
        double y = map[3] * pts[2 * q] + map[4] * pts[2 * q + 1] + map[5];
        s += interp(grid, x, y);
    }
    return s;
}

#define NP (GX * GY + 6 + 2 * Q)
static double wflat(double *p, void *c)
{
    (void)c;
    return sample_sum(p, p + GX * GY, p + GX * GY + 6);
}

int main(void)
{
    rev_seed(1618);
    double p[NP], grad[NP] = {0}, v[NP];
    rev_rand_fill(p, GX * GY);
    double map[6] = {1.1, 0.2, 0.4, -0.15, 0.9, 0.3};
    for (int k = 0; k < 6; k++) p[GX * GY + k] = map[k];
    for (int q = 0; q < Q; q++) { /* points well inside the grid */
        p[GX * GY + 6 + 2 * q] = 2.5 + 1.5 * rev_rand();
        p[GX * GY + 6 + 2 * q + 1] = 2.3 + 1.2 * rev_rand();
    }
    rev_rand_fill(v, NP);
    __enzyme_autodiff_v((void *)sample_sum, p, grad, p + GX * GY, grad + GX * GY, p + GX * GY + 6, grad + GX * GY + 6);
    rev_check_grad("d(grid,map,pts)", wflat, 0, p, grad, NP, REV_H, REV_TOL);
    double sg = 0.0;
    for (int i = 0; i < GX * GY; i++) sg += grad[i];
    check_close("grid weights sum to Q", sg, (double)Q, 1e-13);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)sample_sum, p, v, p + GX * GY, v + GX * GY, p + GX * GY + 6, v + GX * GY + 6);
    rev_check_dot("bilinear", w * jv, w * rev_dot(v, grad, NP));
    return corpus_exit();
}
