/* Cubic Hermite spline evaluation at several points: binary search (integer while loop on the knots, which
 * are const) selects the interval; gradient w.r.t. the node values/slopes and the query points. */
#include "enzyme_reverse_test.h"

#define NK 6
#define NQ 4

static double spline_sum(const double *knots, const double *val, const double *slope, const double *q, int nk, int nq)
{
    double s = 0.0;
    for (int k = 0; k < nq; k++) {
        int lo = 0, hi = nk - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            if (knots[mid] <= q[k]) lo = mid;
            else hi = mid;
        }
        double h = knots[hi] - knots[lo], t = (q[k] - knots[lo]) / h;
        double t2 = t * t, t3 = t2 * t;
        s += (2 * t3 - 3 * t2 + 1) * val[lo] + (t3 - 2 * t2 + t) * h * slope[lo] + (-2 * t3 + 3 * t2) * val[hi] +
             (t3 - t2) * h * slope[hi];
    }
    return s * s;
}

static double knots[NK] = {0.0, 0.5, 1.2, 2.0, 2.4, 3.0};
static double gval[NK], gsl[NK], gq[NQ];
/* flat parameters: val[6], slope[6], q[4] */
static double wflat(double *p, void *c) { (void)c; return spline_sum(knots, p, p + NK, p + 2 * NK, NK, NQ); }

int main(void)
{
    rev_seed(106);
    double p[2 * NK + NQ], dp[2 * NK + NQ] = {0}, vp[2 * NK + NQ];
    rev_rand_fill(p, 2 * NK);
    p[2 * NK + 0] = 0.2; p[2 * NK + 1] = 1.0; p[2 * NK + 2] = 2.1; p[2 * NK + 3] = 2.9;
    rev_rand_fill(vp, 2 * NK + NQ);
    (void)gval; (void)gsl; (void)gq;
    __enzyme_autodiff_v((void *)spline_sum, enzyme_const, knots, p, dp, p + NK, dp + NK, p + 2 * NK, dp + 2 * NK, NK, NQ);
    rev_check_grad("spline", wflat, 0, p, dp, 2 * NK + NQ, REV_H, REV_TOL);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)spline_sum, enzyme_const, knots, p, vp, p + NK, vp + NK, p + 2 * NK, vp + 2 * NK, NK, NQ);
    rev_check_dot("spline", w * jv, w * rev_dot(vp, dp, 2 * NK + NQ));
    return corpus_exit();
}
