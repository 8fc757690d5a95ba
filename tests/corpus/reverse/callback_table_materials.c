/* A material-model library in the style of a finite-element code: strain-energy callbacks collected in
 * a constant table of {name, energy, penalty} records and in a constant array of plain function
 * pointers, each selected by a compile-time index inside the differentiated function, so the target of
 * every indirect call is known once the constant load is folded. The total energy of a chain of 1-D
 * elements mixes three models (neo-Hookean, Saint-Venant-Kirchhoff, Ogden-like power law) plus a volumetric
 * penalty reached through a second table. Gradient w.r.t. the nodal positions and the material
 * constants; dot-product test. */
#include "enzyme_reverse_test.h"

typedef double (*EnergyFn)(double stretch, const double *mat);
typedef double (*PenaltyFn)(double stretch, double kappa);

static double neo_hookean(double l, const double *mat) { return 0.5 * mat[0] * (l * l + 2.0 / l - 3.0); }
static double svk(double l, const double *mat)
{
    double e = 0.5 * (l * l - 1.0);
    return 0.5 * mat[1] * e * e;
}
static double ogden(double l, const double *mat) { return mat[2] / 1.5 * (pow(l, 1.5) + 2.0 * pow(l, -0.75) - 3.0); }

static double log_penalty(double l, double kappa)
{
    double lj = log(l);
    return 0.5 * kappa * lj * lj;
}
static double quad_penalty(double l, double kappa) { return 0.5 * kappa * (l - 1.0) * (l - 1.0); }

typedef struct {
    const char *name;
    EnergyFn energy;
    PenaltyFn penalty;
} Material;

static const Material library[3] = {
    {"neo-hookean", neo_hookean, log_penalty},
    {"svk", svk, quad_penalty},
    {"ogden", ogden, log_penalty},
};
static const EnergyFn energies[3] = {neo_hookean, svk, ogden};

enum { NEO = 0, SVK = 1, OGDEN = 2 };
#define NODES 10

/* positions of NODES nodes, rest spacing 1; mat = {mu, E, c, kappa} */
static double chain_energy(const double *x, const double *mat)
{
    double total = 0.0;
    for (int e = 0; e + 1 < NODES; e++) {
        double l = x[e + 1] - x[e];
        double w;
        if (e < 3)
            w = library[NEO].energy(l, mat) + library[NEO].penalty(l, mat[3]);
        else if (e < 6)
            w = library[SVK].energy(l, mat) + library[SVK].penalty(l, mat[3]);
        else
            w = energies[OGDEN](l, mat) + library[OGDEN].penalty(l, mat[3]);
        total += w;
    }
    /* a spring to the wall through the plain table */
    return total + energies[SVK](x[0] + 1.0, mat);
}

static double wx(double *x, void *m) { return chain_energy(x, (const double *)m); }
static double wm(double *m, void *x) { return chain_energy((const double *)x, m); }

int main(void)
{
    rev_seed(1604);
    double x[NODES], dx[NODES] = {0}, vx[NODES], mat[4] = {1.3, 2.1, 0.8, 0.5}, dmat[4] = {0}, vm[4];
    for (int i = 0; i < NODES; i++) x[i] = i * 1.0 + 0.2 * rev_rand(); /* stretches stay in (0.6, 1.4) */
    rev_rand_fill(vx, NODES);
    rev_rand_fill(vm, 4);
    __enzyme_autodiff_v((void *)chain_energy, x, dx, mat, dmat);
    rev_check_grad("dx", wx, mat, x, dx, NODES, REV_H, REV_TOL);
    rev_check_grad("dmat", wm, x, mat, dmat, 4, REV_H, REV_TOL);
    check_true("table names intact", library[OGDEN].name[0] == 'o');

    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)chain_energy, x, vx, mat, vm);
    rev_check_dot("chain", w * jv, w * (rev_dot(vx, dx, NODES) + rev_dot(vm, dmat, 4)));
    return corpus_exit();
}
