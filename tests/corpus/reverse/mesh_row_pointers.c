/* Pointer-rich inputs of a small mesh code: a Mesh struct holds pointers to the active coordinate arrays
 * (x, y) and to a constant connectivity table, and a stiffness-like matrix is passed as an array of row
 * pointers (double **) whose rows live in separate caller buffers, in a different order from memory. The
 * shadow Mesh holds shadow coordinate pointers and the shadow row-pointer array points at shadow rows.
 * The energy sums squared triangle areas against rest areas, edge lengths, and a quadratic form
 * u^T K u with u the nodal x-coordinates. Gradient w.r.t. coordinates, matrix rows and the struct's
 * scalar stiffness; dot-product test. */
#include "enzyme_reverse_test.h"

typedef struct {
    int nodes, tris;
    double *x, *y;
    const int *tri; /* 3 node indices per triangle */
    double stiffness;
} Mesh;

static double mesh_energy(const Mesh *m, double *const *K)
{
    double e = 0.0;
    for (int t = 0; t < m->tris; t++) {
        const int *v = m->tri + 3 * t;
        double ax = m->x[v[1]] - m->x[v[0]], ay = m->y[v[1]] - m->y[v[0]];
        double bx = m->x[v[2]] - m->x[v[0]], by = m->y[v[2]] - m->y[v[0]];
        double area = 0.5 * (ax * by - ay * bx);
        double d = area - 0.5;
        e += m->stiffness * d * d + 0.1 * sqrt(ax * ax + ay * ay + 1e-3);
    }
    for (int i = 0; i < m->nodes; i++) {
        const double *row = K[i];
        double r = 0.0;
        for (int j = 0; j < m->nodes; j++) r += row[j] * m->x[j];
        e += 0.5 * m->x[i] * r;
    }
    return e;
}

#define NODES 6
#define TRIS 4
static const int connectivity[3 * TRIS] = {0, 1, 3, 1, 4, 3, 1, 2, 4, 2, 5, 4};

/* flat: [x (6), y (6), K rows (36), stiffness] */
#define NP (2 * NODES + NODES * NODES + 1)
static double wflat(double *p, void *c)
{
    (void)c;
    double *rows[NODES];
    for (int i = 0; i < NODES; i++) rows[i] = p + 2 * NODES + NODES * i;
    Mesh m = {NODES, TRIS, p, p + NODES, connectivity, p[NP - 1]};
    return mesh_energy(&m, rows);
}

int main(void)
{
    rev_seed(1608);
    double x[NODES] = {0, 1, 2, 0, 1, 2}, y[NODES] = {0, 0, 0, 1, 1, 1};
    for (int i = 0; i < NODES; i++) {
        x[i] += 0.15 * rev_rand();
        y[i] += 0.15 * rev_rand();
    }
    /* each row in its own buffer; the row-pointer array is permuted w.r.t. allocation order */
    double storage[NODES][NODES], dstorage[NODES][NODES] = {{0}};
    double *rows[NODES], *drows[NODES];
    for (int i = 0; i < NODES; i++) {
        int slot = (i * 5 + 2) % NODES;
        rows[i] = storage[slot];
        drows[i] = dstorage[slot];
        rev_rand_fill(rows[i], NODES);
    }
    double dx[NODES] = {0}, dy[NODES] = {0};
    Mesh m = {NODES, TRIS, x, y, connectivity, 1.7};
    Mesh dm = {NODES, TRIS, dx, dy, connectivity, 0.0};
    __enzyme_autodiff_v((void *)mesh_energy, &m, &dm, rows, drows);

    double p[NP], grad[NP];
    for (int i = 0; i < NODES; i++) {
        p[i] = x[i];
        p[NODES + i] = y[i];
        grad[i] = dx[i];
        grad[NODES + i] = dy[i];
        for (int j = 0; j < NODES; j++) {
            p[2 * NODES + NODES * i + j] = rows[i][j];
            grad[2 * NODES + NODES * i + j] = drows[i][j];
        }
    }
    p[NP - 1] = m.stiffness;
    grad[NP - 1] = dm.stiffness;
    rev_check_grad("d(x,y,K,stiffness)", wflat, 0, p, grad, NP, REV_H, REV_TOL);
    check_close("dK closed", drows[2][4], 0.5 * x[2] * x[4], 1e-14);
    check_true("shadow mesh ints untouched", dm.nodes == NODES && dm.tris == TRIS);

    /* dot-product test: tangents in a shadow mesh and shadow rows */
    double vx[NODES], vy[NODES], vst[NODES][NODES], *vrows[NODES], v[NP];
    rev_rand_fill(vx, NODES);
    rev_rand_fill(vy, NODES);
    double vs = rev_rand(), w = rev_rand();
    for (int i = 0; i < NODES; i++) {
        rev_rand_fill(vst[i], NODES);
        vrows[i] = vst[i];
        v[i] = vx[i];
        v[NODES + i] = vy[i];
        for (int j = 0; j < NODES; j++) v[2 * NODES + NODES * i + j] = vst[i][j];
    }
    v[NP - 1] = vs;
    Mesh vm = {NODES, TRIS, vx, vy, connectivity, vs};
    double jv = __enzyme_fwddiff((void *)mesh_energy, &m, &vm, rows, vrows);
    rev_check_dot("mesh", w * jv, w * rev_dot(v, grad, NP));
    return corpus_exit();
}
