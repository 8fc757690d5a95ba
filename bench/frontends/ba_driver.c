/* BA through one front-end recipe: times the residuals and Enzyme's reverse-mode Jacobian (two
 * __enzyme_autodiff sweeps per observation) from bench/ba/native/ba.c, built by run.sh from
 * bitcode of that recipe through enzyme-ad -O2, and checks the timed Jacobian against central
 * differences of ba_project on a sample of observations, and the weight derivative against its
 * closed form -2 w on every observation.
 *
 * The problem is generated as bench/ba generates its own (sizes, ranges, noise), from this file's
 * random generator, so the numbers are not the same ones.
 *
 * usage: ba_driver ROWS.tsv. Exit code 1 when the Jacobian is wrong. */
#include "driver.h"

#define CAMERAS 1000
#define POINTS 20000
#define OBSERVATIONS 100000
#define CAM 11
#define INPUTS 15
#define SAMPLE 200

/* Cube root of machine epsilon, relative to each input: balances truncation against round-off. */
#define STEP 6e-6
/* Central differences with that step are good to about 1e-10 of a row's scale here; bench/ba
 * uses the same bound. */
#define DIFFERENCE_TOLERANCE 1e-6
#define EXACT_TOLERANCE 1e-11

void ba_project(const double *cam, const double *point, const double *w, const double *feature, double *err);
double ba_time(int tool, int n_obs, const double *cams, const double *points, const double *weights,
               const double *features, const int *obs, double *reproj, double *werr, double *jac, double *dwerr, double h);

/* ba_time's tools (ba.c): the residuals, and reverse mode twice per observation. */
enum { TOOL_RESIDUAL = 0, TOOL_REVERSE = 2 };

/* Largest error of the sampled blocks against central differences, each row measured against
 * 1 + its largest entry: a row spans five orders of magnitude (focal length ~800, distortion
 * ~0.01), as in bench/ba's JacobianCheck. */
static double sample_error(const double *cams, const double *points, const double *weights, const double *features,
                           const int *obs, const double *jac)
{
    double worst = 0.0;
    for (int s = 0; s < SAMPLE; ++s) {
        int o = frontends_below(OBSERVATIONS);
        double in[INPUTS], differences[2 * INPUTS];
        for (int k = 0; k < CAM; ++k)
            in[k] = cams[CAM * obs[2 * o] + k];
        for (int k = 0; k < 3; ++k)
            in[CAM + k] = points[3 * obs[2 * o + 1] + k];
        in[INPUTS - 1] = weights[o];
        for (int k = 0; k < INPUTS; ++k) {
            double saved = in[k], step = STEP * fmax(1.0, fabs(saved)), plus[2], minus[2];
            in[k] = saved + step;
            ba_project(in, in + CAM, in + INPUTS - 1, features + 2 * o, plus);
            in[k] = saved - step;
            ba_project(in, in + CAM, in + INPUTS - 1, features + 2 * o, minus);
            in[k] = saved;
            for (int r = 0; r < 2; ++r)
                differences[2 * k + r] = (plus[r] - minus[r]) / (2.0 * step);
        }
        const double *block = jac + 2 * INPUTS * (size_t)o;
        for (int r = 0; r < 2; ++r) {
            double scale = 0.0;
            for (int k = 0; k < INPUTS; ++k)
                scale = fmax(scale, fabs(differences[2 * k + r]));
            for (int k = 0; k < INPUTS; ++k) {
                worst = frontends_worse(worst, fabs(block[2 * k + r] - differences[2 * k + r]) / (1.0 + scale));
            }
        }
    }
    return worst;
}

int main(int argc, char **argv)
{
    FILE *rows = frontends_open_rows(argc, argv);
    frontends_seed(20240807);

    /* Cameras about 10 units behind a cloud of points in [-1, 1]^3 with a small rotation, so
     * every point projects in front of every camera and Rodrigues' general branch is taken. */
    double *cams = malloc(sizeof(double) * CAM * CAMERAS);
    for (int c = 0; c < CAMERAS; ++c) {
        double *cam = cams + CAM * c;
        for (int k = 0; k < 3; ++k)
            cam[k] = frontends_uniform(-0.2, 0.2);
        cam[3] = frontends_uniform(-0.5, 0.5);
        cam[4] = frontends_uniform(-0.5, 0.5);
        cam[5] = frontends_uniform(-11.0, -9.0);
        cam[6] = frontends_uniform(700.0, 900.0);
        cam[7] = frontends_uniform(-20.0, 20.0);
        cam[8] = frontends_uniform(-20.0, 20.0);
        cam[9] = frontends_uniform(-0.05, 0.05);
        cam[10] = frontends_uniform(-0.01, 0.01);
    }
    double *points = malloc(sizeof(double) * 3 * POINTS);
    for (int i = 0; i < 3 * POINTS; ++i)
        points[i] = frontends_uniform(-1.0, 1.0);
    int *obs = malloc(sizeof(int) * 2 * OBSERVATIONS);
    double *weights = malloc(sizeof(double) * OBSERVATIONS);
    double *features = malloc(sizeof(double) * 2 * OBSERVATIONS);
    /* Features are the exact projections plus a few pixels of noise, so residuals are not zero. */
    const double one = 1.0, zero[2] = { 0.0, 0.0 };
    for (int o = 0; o < OBSERVATIONS; ++o) {
        obs[2 * o] = frontends_below(CAMERAS);
        obs[2 * o + 1] = frontends_below(POINTS);
        weights[o] = frontends_uniform(0.8, 1.2);
        double projection[2];
        ba_project(cams + CAM * obs[2 * o], points + 3 * obs[2 * o + 1], &one, zero, projection);
        features[2 * o] = projection[0] + frontends_uniform(-3.0, 3.0);
        features[2 * o + 1] = projection[1] + frontends_uniform(-3.0, 3.0);
    }

    double *reproj = calloc(2 * OBSERVATIONS, sizeof(double));
    double *werr = calloc(OBSERVATIONS, sizeof(double));
    double *jac = calloc((size_t)2 * INPUTS * OBSERVATIONS, sizeof(double));
    double *dwerr = calloc(OBSERVATIONS, sizeof(double));

    char label[64];
    snprintf(label, sizeof label, "ba n=%d", OBSERVATIONS);
    printf("== %s observations, %d cameras, %d points\n", label, CAMERAS, POINTS);
    double primal = ba_time(TOOL_RESIDUAL, OBSERVATIONS, cams, points, weights, features, obs, reproj, werr, jac, dwerr, STEP);
    int primal_ok = 1;
    for (int i = 0; i < 2 * OBSERVATIONS; ++i)
        primal_ok &= isfinite(reproj[i]);
    frontends_row(rows, "primal", primal, primal, primal_ok, "reprojection and weight residuals, %d cameras, %d points",
                  CAMERAS, POINTS);

    double seconds = ba_time(TOOL_REVERSE, OBSERVATIONS, cams, points, weights, features, obs, reproj, werr, jac, dwerr, STEP);
    double sampled = sample_error(cams, points, weights, features, obs, jac);
    double weight = 0.0;
    for (int o = 0; o < OBSERVATIONS; ++o)
        weight = frontends_worse(weight, fabs(dwerr[o] + 2.0 * weights[o]));
    int ok = sampled <= DIFFERENCE_TOLERANCE && weight <= EXACT_TOLERANCE;
    frontends_row(rows, "enzyme-reverse", seconds, primal, ok,
                  "2 x 15 Jacobian blocks, two reverse sweeps per observation; max error vs central differences on %d observations %.1e, "
                  "weight derivative vs -2w %.1e",
                  SAMPLE, sampled, weight);

    fclose(rows);
    return primal_ok && ok ? 0 : 1;
}
