/*
 * Bundle adjustment as in ADBench: the reprojection residual of every observation and its
 * Jacobian blocks. A camera has 11 parameters: angle-axis rotation (3), centre (3), focal
 * length (1), principal point (2) and radial distortion (2); a point has 3 and an observation
 * a weight. Observation o of camera c and point p has the residual
 *     err = w * (f * distort(xy / z) + x0 - feature),   (x, y, z) = R(rot) (X - C),
 * and the weight residual 1 - w^2. Its Jacobian block is 2 x 15: d err / d (camera, point, w).
 *
 * Four ways to the Jacobian are timed: Enzyme's forward vector mode (width 15, one call per
 * observation), Enzyme's vector reverse mode (width 2: one forward sweep, one reverse sweep per
 * residual row), Enzyme's reverse mode called twice per observation (one call per residual row,
 * each running the primal; the path before vector reverse mode, kept for comparison), and
 * central finite differences. The time_* entry points run the ADBench timing loop on the
 * caller's buffers, so the Jacobian the C# side checks is the one the last timed call produced.
 *
 * Block layout: jac[30 o + 2 k + r] = d err_r / d input_k, inputs k = 0..10 the camera,
 * 11..13 the point, 14 the weight (column-major 2 x 15, the shadow layout of width-15 mode).
 */
#include <math.h>
#include <string.h>
#include "../../common/adbench_timing.h"

#define BA_CAM 11
#define BA_INPUTS 15

extern int enzyme_dup, enzyme_dupv, enzyme_dupnoneed, enzyme_const, enzyme_width;
void __enzyme_autodiff(void *, ...);
void __enzyme_fwddiff_block(void *, ...);
double __enzyme_fwddiff(void *, ...);

/* Rotates X by the angle-axis vector rot (Rodrigues); near zero angle, the first-order form
 * X + rot x X avoids dividing by the angle. */
static void rotate(const double *rot, const double *x, double *out)
{
    double sq = rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2];
    if (sq > 1e-30) {
        double theta = sqrt(sq), c = cos(theta), s = sin(theta);
        double k[3] = { rot[0] / theta, rot[1] / theta, rot[2] / theta };
        double kx = k[0] * x[0] + k[1] * x[1] + k[2] * x[2];
        double cross[3] = { k[1] * x[2] - k[2] * x[1], k[2] * x[0] - k[0] * x[2], k[0] * x[1] - k[1] * x[0] };
        for (int i = 0; i < 3; ++i)
            out[i] = x[i] * c + cross[i] * s + k[i] * kx * (1.0 - c);
    } else {
        out[0] = x[0] + rot[1] * x[2] - rot[2] * x[1];
        out[1] = x[1] + rot[2] * x[0] - rot[0] * x[2];
        out[2] = x[2] + rot[0] * x[1] - rot[1] * x[0];
    }
}

/* The reprojection residual of one observation (exported: the C# side uses it for spot checks). */
void ba_project(const double *cam, const double *point, const double *w, const double *feature, double *err)
{
    double shifted[3] = { point[0] - cam[3], point[1] - cam[4], point[2] - cam[5] };
    double xc[3];
    rotate(cam, shifted, xc);
    double u = xc[0] / xc[2], v = xc[1] / xc[2];
    double rsq = u * u + v * v;
    double distortion = 1.0 + cam[9] * rsq + cam[10] * rsq * rsq;
    err[0] = *w * (cam[6] * distortion * u + cam[7] - feature[0]);
    err[1] = *w * (cam[6] * distortion * v + cam[8] - feature[1]);
}

static double weight_error(double w) { return 1.0 - w * w; }

/* One problem and the buffers a timed call writes. obs holds (camera, point) per observation. */
struct ba_state {
    int n_obs;
    const double *cams, *points, *weights, *features;
    const int *obs;
    double *reproj, *werr, *jac, *dwerr;
    double h;
};

static void residual(struct ba_state *s)
{
    for (int o = 0; o < s->n_obs; ++o) {
        const double *cam = s->cams + BA_CAM * s->obs[2 * o], *x = s->points + 3 * s->obs[2 * o + 1];
        ba_project(cam, x, s->weights + o, s->features + 2 * o, s->reproj + 2 * o);
        s->werr[o] = weight_error(s->weights[o]);
    }
}

/* Unit seeds for width 15: shadow k of the camera is e_k for k < 11, of the point e_{k-11} for
 * 11 <= k < 14, of the weight 1 for k = 14; every other shadow is zero. They are compile-time
 * constants so that, once Enzyme's derivative is inlined, the optimiser folds the zero tangents
 * away: the derivative then only does the work that the Jacobian's structure needs. */
static const double seed_cam[BA_INPUTS][BA_CAM] = {
    [0][0] = 1.0, [1][1] = 1.0, [2][2] = 1.0, [3][3] = 1.0, [4][4] = 1.0, [5][5] = 1.0,
    [6][6] = 1.0, [7][7] = 1.0, [8][8] = 1.0, [9][9] = 1.0, [10][10] = 1.0,
};
static const double seed_point[BA_INPUTS][3] = { [11][0] = 1.0, [12][1] = 1.0, [13][2] = 1.0 };
static const double seed_w[BA_INPUTS] = { [14] = 1.0 };

static void jacobian_forward(struct ba_state *s)
{
    for (int o = 0; o < s->n_obs; ++o) {
        const double *cam = s->cams + BA_CAM * s->obs[2 * o], *x = s->points + 3 * s->obs[2 * o + 1];
        /* One call gives the residual and all 15 columns: shadow k of err lands at jac + 30 o + 2 k. */
        __enzyme_fwddiff_block((void *)ba_project, enzyme_width, BA_INPUTS,
                               enzyme_dupv, (long)sizeof seed_cam[0], cam, &seed_cam[0][0],
                               enzyme_dupv, (long)sizeof seed_point[0], x, &seed_point[0][0],
                               enzyme_dupv, (long)sizeof seed_w[0], s->weights + o, seed_w,
                               enzyme_const, s->features + 2 * o,
                               enzyme_dupv, (long)(2 * sizeof(double)), s->reproj + 2 * o, s->jac + 2 * BA_INPUTS * o);
        s->werr[o] = weight_error(s->weights[o]);
        s->dwerr[o] = __enzyme_fwddiff((void *)weight_error, s->weights[o], 1.0);
    }
}

static void jacobian_reverse(struct ba_state *s)
{
    for (int o = 0; o < s->n_obs; ++o) {
        const double *cam = s->cams + BA_CAM * s->obs[2 * o], *x = s->points + 3 * s->obs[2 * o + 1];
        double *block = s->jac + 2 * BA_INPUTS * o;
        for (int r = 0; r < 2; ++r) {
            /* Adjoints accumulate, and the residual's adjoint is consumed: both are reset per row. */
            double dcam[BA_CAM] = { 0 }, dx[3] = { 0 }, dw = 0.0, err[2], derr[2] = { 0.0, 0.0 };
            derr[r] = 1.0;
            __enzyme_autodiff((void *)ba_project, enzyme_dup, cam, dcam, enzyme_dup, x, dx, enzyme_dup, s->weights + o, &dw,
                              enzyme_const, s->features + 2 * o, enzyme_dupnoneed, err, derr);
            for (int k = 0; k < BA_CAM; ++k)
                block[2 * k + r] = dcam[k];
            for (int k = 0; k < 3; ++k)
                block[2 * (BA_CAM + k) + r] = dx[k];
            block[2 * (BA_INPUTS - 1) + r] = dw;
        }
        s->dwerr[o] = __enzyme_fwddiff((void *)weight_error, s->weights[o], 1.0);
    }
}

/* Both rows in one call: enzyme_width 2 runs the primal once and reverses it once per row, lane r
 * seeded with e_r on the residual and accumulating into its own camera, point and weight shadows. */
static void jacobian_reverse_width2(struct ba_state *s)
{
    for (int o = 0; o < s->n_obs; ++o) {
        const double *cam = s->cams + BA_CAM * s->obs[2 * o], *x = s->points + 3 * s->obs[2 * o + 1];
        double *block = s->jac + 2 * BA_INPUTS * o;
        double dcam[2][BA_CAM] = { { 0 } }, dx[2][3] = { { 0 } }, dw[2] = { 0.0, 0.0 }, err[2];
        double derr[2][2] = { { 1.0, 0.0 }, { 0.0, 1.0 } };
        __enzyme_autodiff((void *)ba_project, enzyme_width, 2, enzyme_dup, cam, dcam[0], dcam[1], enzyme_dup, x, dx[0], dx[1],
                          enzyme_dup, s->weights + o, &dw[0], &dw[1], enzyme_const, s->features + 2 * o,
                          enzyme_dupnoneed, err, derr[0], derr[1]);
        for (int r = 0; r < 2; ++r) {
            for (int k = 0; k < BA_CAM; ++k)
                block[2 * k + r] = dcam[r][k];
            for (int k = 0; k < 3; ++k)
                block[2 * (BA_CAM + k) + r] = dx[r][k];
            block[2 * (BA_INPUTS - 1) + r] = dw[r];
        }
        s->dwerr[o] = __enzyme_fwddiff((void *)weight_error, s->weights[o], 1.0);
    }
}

/* Central differences with a step relative to each input's magnitude (h ~ eps^(1/3) balances
 * truncation against round-off). */
static void jacobian_central_differences(struct ba_state *s)
{
    for (int o = 0; o < s->n_obs; ++o) {
        double in[BA_INPUTS];
        memcpy(in, s->cams + BA_CAM * s->obs[2 * o], BA_CAM * sizeof(double));
        memcpy(in + BA_CAM, s->points + 3 * s->obs[2 * o + 1], 3 * sizeof(double));
        in[BA_INPUTS - 1] = s->weights[o];
        const double *feature = s->features + 2 * o;
        double *block = s->jac + 2 * BA_INPUTS * o;
        for (int k = 0; k < BA_INPUTS; ++k) {
            double saved = in[k], step = s->h * (fabs(saved) > 1.0 ? fabs(saved) : 1.0), plus[2], minus[2];
            in[k] = saved + step;
            ba_project(in, in + BA_CAM, in + BA_INPUTS - 1, feature, plus);
            in[k] = saved - step;
            ba_project(in, in + BA_CAM, in + BA_INPUTS - 1, feature, minus);
            in[k] = saved;
            block[2 * k] = (plus[0] - minus[0]) / (2.0 * step);
            block[2 * k + 1] = (plus[1] - minus[1]) / (2.0 * step);
        }
        double step = s->h * (fabs(in[BA_INPUTS - 1]) > 1.0 ? fabs(in[BA_INPUTS - 1]) : 1.0);
        s->dwerr[o] = (weight_error(in[BA_INPUTS - 1] + step) - weight_error(in[BA_INPUTS - 1] - step)) / (2.0 * step);
    }
}

static void run_residual(void *p) { residual(p); }
static void run_forward(void *p) { jacobian_forward(p); }
static void run_reverse(void *p) { jacobian_reverse(p); }
static void run_central_differences(void *p) { jacobian_central_differences(p); }
static void run_reverse_width2(void *p) { jacobian_reverse_width2(p); }

/* tool: 0 residual (reproj 2 n, werr n), 1 forward vector mode, 2 reverse mode twice, 3 central
 * differences (step h), 4 vector reverse mode (width 2); 1-4 fill jac (30 n) and dwerr (n).
 * Returns seconds per call. */
double ba_time(int tool, int n_obs, const double *cams, const double *points, const double *weights,
               const double *features, const int *obs, double *reproj, double *werr, double *jac, double *dwerr, double h)
{
    struct ba_state s = { n_obs, cams, points, weights, features, obs, reproj, werr, jac, dwerr, h };
    switch (tool) {
    case 0: return adbench_seconds_per_call(run_residual, &s);
    case 1: return adbench_seconds_per_call(run_forward, &s);
    case 2: return adbench_seconds_per_call(run_reverse, &s);
    case 3: return adbench_seconds_per_call(run_central_differences, &s);
    case 4: return adbench_seconds_per_call(run_reverse_width2, &s);
    default: return -1.0;
    }
}
