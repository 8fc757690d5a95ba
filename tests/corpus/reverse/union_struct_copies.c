/* Byte-level data movement that type analysis must see through: particle records copied by whole-struct
 * assignment and by memcpy (mixed int/double layout, so the copy is not one float type), a union viewing
 * three doubles as an array or as named fields, a union of double and uint64_t through which values are
 * copied as integer words, and a structure-of-arrays input converted
 * to an array-of-structs scratch and back. Gradient w.r.t. every active field of the SoA input and a
 * scalar parameter (enzyme_out); dot-product test. */
#include "enzyme_reverse_test.h"
#include <stdint.h>
#include <string.h>

typedef struct {
    int id;
    double pos[2];
    int flags;
    double mass;
} Particle;

typedef union {
    double v[3];
    struct { double x, y, z; } c;
} Vec3U;

typedef union {
    double d;
    uint64_t u;
} Bits;

typedef struct {
    double *x, *y, *m;
} SoA;

#define N 6

static double pack_unpack(const SoA *in, SoA *out, double k)
{
    Particle aos[N], sorted[N];
    for (int i = 0; i < N; i++) { /* SoA -> AoS */
        Particle p = {i, {in->x[i], in->y[i]}, i & 1, in->m[i]};
        aos[i] = p; /* whole-struct assignment */
    }
    for (int i = 0; i < N; i++) memcpy(&sorted[i], &aos[N - 1 - i], sizeof(Particle)); /* reversed by memcpy */

    double e = 0.0;
    for (int i = 0; i < N; i++) {
        /* each coordinate travels through an integer word of a type-punning union */
        Bits bx, by;
        bx.d = sorted[i].pos[0];
        by.d = sorted[i].pos[1];
        uint64_t wx = bx.u, wy = by.u;
        bx.u = wx;
        by.u = wy;
        Vec3U r;
        r.c.x = bx.d * k;
        r.c.y = by.d;
        r.c.z = sorted[i].mass;
        double n2 = 0.0;
        for (int d = 0; d < 3; d++) n2 += r.v[d] * r.v[d];
        e += sorted[i].flags ? sqrt(n2 + 0.1) : n2 * sorted[i].mass;
    }
    for (int i = 0; i < N; i++) { /* AoS -> SoA output, scaled */
        Particle p;
        p = sorted[i];
        out->x[i] = p.pos[0] * p.mass;
        out->y[i] = p.pos[1] + p.mass * k;
        out->m[i] = p.mass;
    }
    return e;
}

/* scalar objective: e plus a weighted sum of the outputs */
static double objective(const SoA *in, double k)
{
    double ox[N], oy[N], om[N];
    SoA out = {ox, oy, om};
    double e = pack_unpack(in, &out, k);
    for (int i = 0; i < N; i++) e += (i + 1) * ox[i] + sin(oy[i]) + om[i] * om[i];
    return e;
}

static double wflat(double *p, void *k)
{
    SoA in = {p, p + N, p + 2 * N};
    return objective(&in, *(double *)k);
}

int main(void)
{
    rev_seed(1609);
    double p[3 * N], grad[3 * N] = {0}, v[3 * N], k = 1.3;
    rev_rand_fill(p, 3 * N);
    for (int i = 0; i < N; i++) p[2 * N + i] = 1.0 + 0.5 * p[2 * N + i]; /* masses */
    rev_rand_fill(v, 3 * N);
    SoA in = {p, p + N, p + 2 * N}, din = {grad, grad + N, grad + 2 * N};
    double dk = __enzyme_autodiff((void *)objective, &in, &din, k);
    rev_check_grad("d(x,y,m)", wflat, &k, p, grad, 3 * N, REV_H, REV_TOL);
    check_close("dk", dk, (objective(&in, k + REV_H) - objective(&in, k - REV_H)) / (2 * REV_H), REV_TOL);

    double vk = rev_rand(), w = rev_rand();
    SoA vin = {v, v + N, v + 2 * N};
    double jv = __enzyme_fwddiff((void *)objective, &in, &vin, k, vk);
    rev_check_dot("soa/aos", w * jv, w * (rev_dot(v, grad, 3 * N) + vk * dk));
    return corpus_exit();
}
