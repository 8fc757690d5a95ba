/* A duplicated struct pointer whose shadow struct holds shadow pointers for its pointer members; the
 * adjoint of the scalar member lands in the shadow struct, the member arrays' adjoints in the shadow buffers. */
#include "enzyme_reverse_test.h"

typedef struct {
    int n;
    double scale;
    double *values;
    double *weights;
} Series;

static double weighted_energy(const Series *s)
{
    double e = 0.0;
    for (int i = 0; i < s->n; i++) e += s->weights[i] * s->values[i] * s->values[i];
    return s->scale * e + sin(s->values[0] * s->scale);
}

/* flattened parameters: [scale, values[0..2], weights[0..2]] */
static double wflat(double *p, void *c)
{
    (void)c;
    Series s = {3, p[0], p + 1, p + 4};
    return weighted_energy(&s);
}

int main(void)
{
    rev_seed(31);
    double v[3] = {0.5, -1.5, 2.0}, w[3] = {1.0, 2.0, 0.5};
    double dv[3] = {0, 0, 0}, dw[3] = {0, 0, 0};
    Series s = {3, 1.3, v, w};
    Series ds = {3, 0.0, dv, dw};
    __enzyme_autodiff_v((void *)weighted_energy, &s, &ds);
    double flat[7] = {1.3, v[0], v[1], v[2], w[0], w[1], w[2]};
    double grad[7] = {ds.scale, dv[0], dv[1], dv[2], dw[0], dw[1], dw[2]};
    rev_check_grad("energy", wflat, 0, flat, grad, 7, REV_H, REV_TOL);
    check_close("closed dweight1", dw[1], 1.3 * v[1] * v[1], 1e-14);
    check_true("shadow n untouched", ds.n == 3);

    double tv[3], tw[3], wt = rev_rand();
    rev_rand_fill(tv, 3);
    rev_rand_fill(tw, 3);
    double tsc = rev_rand();
    Series ts = {3, tsc, tv, tw};
    double jv = __enzyme_fwddiff((void *)weighted_energy, &s, &ts);
    double vflat[7] = {tsc, tv[0], tv[1], tv[2], tw[0], tw[1], tw[2]};
    rev_check_dot("energy", wt * jv, wt * rev_dot(vflat, grad, 7));
    return corpus_exit();
}
