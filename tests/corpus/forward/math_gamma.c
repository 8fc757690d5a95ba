/* tgamma and lgamma in double, float and long double, plus a chain. */
#include "enzyme_test.h"

static double w_lgamma(double x) { return lgamma(x); }
static double w_tgamma(double x) { return tgamma(x); }
static float w_lgammaf(float x) { return lgammaf(x); }
static float w_tgammaf(float x) { return tgammaf(x); }
static long double w_lgammal(long double x) { return lgammal(x); }
static long double w_tgammal(long double x) { return tgammal(x); }
static double w_chain(double x) { return lgamma(x * x) + sin(tgamma(x)); }

int main(void)
{
    const double euler = 0.57721566490153286;
    const double pts[] = {0.7, 2.3, 4.1, -1.5};
    for (int i = 0; i < 4; i++) {
        double x = pts[i];
        check_close("tgamma fd", __enzyme_fwddiff((void *)w_tgamma, x, 1.0), central_diff(w_tgamma, x, CORPUS_H), 1e-6);
        check_close("lgamma fd", __enzyme_fwddiff((void *)w_lgamma, x, 1.0), central_diff(w_lgamma, x, CORPUS_H), 1e-6);
    }
    /* digamma(1) = -gamma, digamma(2) = 1 - gamma, digamma(3) = 1.5 - gamma */
    check_close("lgamma(1)", __enzyme_fwddiff((void *)w_lgamma, 1.0, 1.0), -euler, 1e-9);
    check_close("tgamma(1)", __enzyme_fwddiff((void *)w_tgamma, 1.0, 1.0), -euler, 1e-9);
    check_close("lgammaf(2)", __enzyme_fwddiff_f((void *)w_lgammaf, 2.0f, 1.0f), 1.0 - euler, 1e-5);
    check_close("tgammaf(3)", __enzyme_fwddiff_f((void *)w_tgammaf, 3.0f, 1.0f), 2.0 * (1.5 - euler), 1e-5);
    check_close("lgammal(2)", (double)__enzyme_fwddiff_l((void *)w_lgammal, 2.0L, 1.0L), 1.0 - euler, 1e-9);
    check_close("tgammal(3)", (double)__enzyme_fwddiff_l((void *)w_tgammal, 3.0L, 1.0L), 2.0 * (1.5 - euler), 1e-9);
    check_close("chain", __enzyme_fwddiff((void *)w_chain, 1.7, 1.0), central_diff(w_chain, 1.7, CORPUS_H), 1e-6);
    return corpus_exit();
}
