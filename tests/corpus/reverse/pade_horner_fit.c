/* Fitting a rational (Pade-type) approximation p(t)/q(t) to exp on [-1, 1]: numerator and denominator
 * evaluated by Horner's rule with their coefficients as active inputs, the derivative polynomials p' and
 * q' carried along in the same Horner loop (two coupled recurrences), and a Sobolev-style least-squares
 * misfit on values and slopes at sample points. Gradient w.r.t. both coefficient vectors against
 * finite differences; closed form: d/dp_k of the value part at one point; dot-product test. */
#include "enzyme_reverse_test.h"

#define NPC 4 /* numerator coefficients */
#define NQC 4 /* denominator coefficients (q_0 fixed to 1 by the caller's data) */
#define NS 11

static void horner2(const double *c, int n, double t, double *value, double *slope)
{
    double v = c[n - 1], d = 0.0;
    for (int k = n - 2; k >= 0; k--) {
        d = d * t + v;
        v = v * t + c[k];
    }
    *value = v;
    *slope = d;
}

static double misfit(const double *pc, const double *qc, int samples)
{
    double s = 0.0;
    for (int i = 0; i < samples; i++) {
        double t = -1.0 + 2.0 * i / (samples - 1);
        double pv, pd, qv, qd;
        horner2(pc, NPC, t, &pv, &pd);
        horner2(qc, NQC, t, &qv, &qd);
        double r = pv / qv, dr = (pd * qv - pv * qd) / (qv * qv);
        double e = r - exp(t), de = dr - exp(t);
        s += e * e + 0.1 * de * de;
    }
    return s;
}

static double wp(double *p, void *q) { return misfit(p, (const double *)q, NS); }
static double wq(double *q, void *p) { return misfit((const double *)p, q, NS); }
static double value_at(const double *pc, const double *qc, double t)
{
    double pv, pd, qv, qd;
    horner2(pc, NPC, t, &pv, &pd);
    horner2(qc, NQC, t, &qv, &qd);
    return pv / qv;
}

int main(void)
{
    rev_seed(1619);
    /* near the [3/3] Pade approximant of exp, perturbed */
    double pc[NPC] = {1.0, 0.5, 0.1, 1.0 / 120}, qc[NQC] = {1.0, -0.5, 0.1, -1.0 / 120};
    double dp[NPC] = {0}, dq[NQC] = {0}, vp[NPC], vq[NQC];
    for (int k = 0; k < NPC; k++) pc[k] += 0.05 * rev_rand();
    for (int k = 1; k < NQC; k++) qc[k] += 0.05 * rev_rand();
    rev_rand_fill(vp, NPC);
    rev_rand_fill(vq, NQC);
    __enzyme_autodiff_v((void *)misfit, pc, dp, qc, dq, NS);
    rev_check_grad("dp", wp, qc, pc, dp, NPC, REV_H, REV_TOL);
    rev_check_grad("dq", wq, pc, qc, dq, NQC, REV_H, REV_TOL);

    /* closed form of a single value: d(p/q)/dp_k = t^k / q(t) */
    double t = 0.37, dpv[NPC] = {0}, dqv[NQC] = {0};
    __enzyme_autodiff_v((void *)value_at, pc, dpv, qc, dqv, enzyme_const, t);
    double pv, pd, qv, qd;
    horner2(pc, NPC, t, &pv, &pd);
    horner2(qc, NQC, t, &qv, &qd);
    for (int k = 0; k < NPC; k++) check_close("d(p/q)/dp_k closed", dpv[k], pow(t, k) / qv, 1e-14);
    for (int k = 0; k < NQC; k++) check_close("d(p/q)/dq_k closed", dqv[k], -pv * pow(t, k) / (qv * qv), 1e-14);

    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)misfit, pc, vp, qc, vq, NS);
    rev_check_dot("pade", w * jv, w * (rev_dot(vp, dp, NPC) + rev_dot(vq, dq, NQC)));
    return corpus_exit();
}
