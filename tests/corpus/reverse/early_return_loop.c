/* Early return from inside a loop (several exits with different active expressions). */
#include "enzyme_reverse_test.h"

static double first_big(const double *x, int n, double thr)
{
    double acc = 0.0;
    for (int i = 0; i < n; i++) {
        acc += x[i] * thr;
        if (x[i] * x[i] > thr) return acc * x[i];
        if (acc > 10.0) return sqrt(acc);
    }
    return acc * acc;
}

typedef struct { int n; double thr; } Ctx;
static double wf(double *x, void *c) { Ctx *k = (Ctx *)c; return first_big(x, k->n, k->thr); }
static double wt(double *t, void *c) { return first_big((const double *)c, 6, t[0]); }

int main(void)
{
    rev_seed(16);
    double sets[3][6] = {{0.1, 0.2, 1.5, 0.3, 0.2, 0.1}, {0.1, 0.2, 0.3, 0.2, 0.1, 0.4}, {0.9, 0.95, 0.99, 0.9, 0.8, 0.7}};
    double thrs[3] = {1.0, 1.0, 2.5};
    for (int s = 0; s < 3; s++) {
        Ctx k = {6, thrs[s]};
        double dx[6] = {0}, v[6];
        rev_rand_fill(v, 6);
        double dt = __enzyme_autodiff((void *)first_big, sets[s], dx, 6, k.thr);
        rev_check_grad("first_big dx", wf, &k, sets[s], dx, 6, REV_H, REV_TOL);
        rev_check_grad("first_big dthr", wt, sets[s], &thrs[s], &dt, 1, REV_H, REV_TOL);
        double w = rev_rand(), vt = rev_rand();
        rev_check_dot("first_big", w * __enzyme_fwddiff((void *)first_big, sets[s], v, 6, k.thr, vt), w * (rev_dot(v, dx, 6) + vt * dt));
    }
    return corpus_exit();
}
