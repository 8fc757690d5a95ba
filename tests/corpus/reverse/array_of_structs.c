/* Arrays of structs: particles with position/velocity/mass; potential energy of springs between neighbours
 * plus kinetic energy. Gradient w.r.t. every field. */
#include "enzyme_reverse_test.h"

typedef struct { double x, y, vx, vy, m; } Particle;

#define NP 5

static double energy(const Particle *p, int n, double k)
{
    double e = 0.0;
    for (int i = 0; i < n; i++) {
        e += 0.5 * p[i].m * (p[i].vx * p[i].vx + p[i].vy * p[i].vy);
        if (i + 1 < n) {
            double dx = p[i + 1].x - p[i].x, dy = p[i + 1].y - p[i].y;
            double r = sqrt(dx * dx + dy * dy);
            e += 0.5 * k * (r - 1.0) * (r - 1.0);
        }
    }
    return e;
}

static double wflat(double *f, void *c) { return energy((const Particle *)f, NP, *(double *)c); }

int main(void)
{
    rev_seed(32);
    Particle p[NP], dp[NP], tp[NP];
    double *pf = (double *)p, *dpf = (double *)dp, *tpf = (double *)tp;
    for (int i = 0; i < NP * 5; i++) { pf[i] = rev_rand() + (i % 5 == 4 ? 2.0 : 0.0); dpf[i] = 0.0; tpf[i] = rev_rand(); }
    for (int i = 0; i < NP; i++) p[i].x += 1.2 * i;
    double k = 3.0;
    double dk = __enzyme_autodiff((void *)energy, p, dp, NP, k);
    rev_check_grad("particles", wflat, &k, pf, dpf, NP * 5, REV_H, REV_TOL);
    double fdk = (energy(p, NP, k + REV_H) - energy(p, NP, k - REV_H)) / (2 * REV_H);
    check_close("dk", dk, fdk, REV_TOL);
    double w = rev_rand(), vk = rev_rand();
    double jv = __enzyme_fwddiff((void *)energy, p, tp, NP, k, vk);
    rev_check_dot("energy", w * jv, w * (rev_dot(tpf, dpf, NP * 5) + vk * dk));
    return corpus_exit();
}
