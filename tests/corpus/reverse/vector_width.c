/* Vector reverse mode: __enzyme_autodiff with enzyme_width N runs the forward sweep once and the reverse sweep
 * once per lane, each lane with its own shadows (N per enzyme_dup argument, or enzyme_dupv's base and stride).
 * Each lane's adjoints are compared with a width-1 __enzyme_autodiff seeded the same way, and the Jacobian rows
 * with __enzyme_fwddiff columns (dot products) and closed forms. */
#include "enzyme_reverse_test.h"
#include <string.h>

typedef struct { double d[2]; } Lanes2;
typedef struct { double a[3], b[3]; } Lanes3x2;
Lanes3x2 __enzyme_autodiff_w3(void *, ...);
void __enzyme_autodiff_w(void *, ...);

/* Two residuals of three camera and two point parameters, like one bundle-adjustment observation. */
static void project(const double *cam, const double *x, double *err)
{
    double px = cam[0] * x[0] + cam[1] * x[1];
    double py = sin(cam[2]) * x[1] - cam[0] * x[0] * x[0];
    double scale = 1.0 / (1.0 + px * px);
    err[0] = px * scale - 0.3;
    err[1] = py * scale + exp(0.1 * cam[1]);
}

/* A loop: every lane needs the reversed iterations with its own shadow addresses. */
static void chain(const double *x, double *y, int n)
{
    for (int i = 0; i + 1 < n; i++)
        y[i] = x[i] * x[i + 1] + sin(x[i]);
}

/* A local array (its shadow is stack memory each lane needs a copy of) filled in a loop with a branch. */
static double local_products(const double *x)
{
    double t[4];
    for (int i = 0; i < 4; i++)
        t[i] = x[i] > 0 ? x[i] * x[i] : sin(x[i]);
    double s = 0.0;
    for (int i = 0; i < 4; i++)
        s += t[i] * t[(i + 1) % 4];
    return s;
}

static double energy(double a, double b, const double *v)
{
    return a * a * v[0] + sin(b) * v[1] + a * b;
}

int main(void)
{
    /* 1. Both Jacobian rows of project in one call (width 2, two seeds on err). */
    double cam[3] = {0.7, -0.4, 1.1}, x[2] = {0.5, 1.5}, err[2];
    double dcam[2][3] = {{0}}, dx[2][2] = {{0}}, derr[2][2] = {{1, 0}, {0, 1}};
    __enzyme_autodiff_w((void *)project, enzyme_width, 2, enzyme_dup, cam, dcam[0], dcam[1],
                        enzyme_dup, x, dx[0], dx[1], enzyme_dupnoneed, err, derr[0], derr[1]);
    for (int row = 0; row < 2; row++) {
        double rcam[3] = {0}, rx[2] = {0}, rerr[2] = {row == 0, row == 1}, e[2];
        __enzyme_autodiff_v((void *)project, enzyme_dup, cam, rcam, enzyme_dup, x, rx, enzyme_dupnoneed, e, rerr);
        for (int j = 0; j < 3; j++) check_close("project dcam lane vs width 1", dcam[row][j], rcam[j], 1e-15);
        for (int j = 0; j < 2; j++) check_close("project dx lane vs width 1", dx[row][j], rx[j], 1e-15);
        /* dot-product test against forward mode: <J e_j, e_row> = (J^T e_row)_j */
        for (int j = 0; j < 3; j++) {
            double tcam[3] = {0}, tx[2] = {0}, terr[2], ee[2];
            tcam[j] = 1.0;
            __enzyme_fwddiff_v((void *)project, enzyme_dup, cam, tcam, enzyme_dup, x, tx, enzyme_dupnoneed, ee, terr);
            check_close("project dcam vs forward column", dcam[row][j], terr[row], 1e-14);
        }
    }

    /* 2. The same with enzyme_dupv: the lanes' shadows at a byte stride in one buffer. */
    double vcam[2][3] = {{0}}, vx[2][2] = {{0}}, verr[2][2] = {{1, 0}, {0, 1}};
    __enzyme_autodiff_w((void *)project, enzyme_width, 2, enzyme_dupv, (long)sizeof vcam[0], cam, &vcam[0][0],
                        enzyme_dupv, (long)sizeof vx[0], x, &vx[0][0], enzyme_dupv, (long)sizeof verr[0], err, &verr[0][0]);
    for (int row = 0; row < 2; row++)
        for (int j = 0; j < 3; j++) check_close("dupv lane", vcam[row][j], dcam[row][j], 0.0);

    /* 3. A loop, width 4: lane k seeds y[k]. */
    double cx[5] = {0.2, -0.3, 0.9, 1.4, -0.6}, cy[4], cdx[4][5], cdy[4][4];
    memset(cdx, 0, sizeof cdx);
    memset(cdy, 0, sizeof cdy);
    for (int k = 0; k < 4; k++) cdy[k][k] = 1.0;
    __enzyme_autodiff_w((void *)chain, enzyme_width, 4, enzyme_dup, cx, cdx[0], cdx[1], cdx[2], cdx[3],
                        enzyme_dup, cy, cdy[0], cdy[1], cdy[2], cdy[3], enzyme_const, 5);
    for (int k = 0; k < 4; k++)
        for (int j = 0; j < 5; j++) {
            double expected = j == k ? cx[k + 1] + cos(cx[k]) : j == k + 1 ? cx[k] : 0.0;
            check_close("chain Jacobian row", cdx[k][j], expected, 1e-15);
        }
    for (int k = 0; k < 4; k++)
        for (int j = 0; j < 4; j++) check_close("chain seeds consumed", cdy[k][j], 0.0, 0.0);

    /* 4. enzyme_out scalars with width 3: three adjoints per argument (argument by argument), the result seeded
     *    with 1 in each lane, and v's three shadows each receiving the gradient. */
    double v[2] = {0.8, -1.3}, dv[3][2] = {{0}}, a = 0.4, b = 1.7;
    Lanes3x2 g = __enzyme_autodiff_w3((void *)energy, enzyme_width, 3, enzyme_out, a, enzyme_out, b, enzyme_dup, v, dv[0], dv[1], dv[2]);
    for (int k = 0; k < 3; k++) {
        check_close("d energy / da", g.a[k], 2 * a * v[0] + b, 1e-15);
        check_close("d energy / db", g.b[k], cos(b) * v[1] + a, 1e-15);
        check_close("d energy / dv0", dv[k][0], a * a, 1e-15);
        check_close("d energy / dv1", dv[k][1], sin(b), 1e-15);
    }
    /* 5. Both lanes seed the result with 1 and must each get exactly the width-1 gradient (a lane sharing the
     *    array's shadow or the adjoint slots with another would double it). */
    double lx[4] = {0.5, -0.8, 1.2, -0.1}, ldx[2][4] = {{0}}, ref[4] = {0};
    __enzyme_autodiff_w((void *)local_products, enzyme_width, 2, enzyme_dup, lx, ldx[0], ldx[1]);
    __enzyme_autodiff_v((void *)local_products, enzyme_dup, lx, ref);
    for (int k = 0; k < 2; k++)
        for (int j = 0; j < 4; j++) check_close("local array lane vs width 1", ldx[k][j], ref[j], 1e-15);
    for (int j = 0; j < 4; j++) {
        double h = 1e-6, saved = lx[j];
        lx[j] = saved + h;
        double fp = local_products(lx);
        lx[j] = saved - h;
        double fm = local_products(lx);
        lx[j] = saved;
        check_close("local array vs finite differences", ref[j], (fp - fm) / (2 * h), 1e-7);
    }
    return corpus_exit();
}
