/* A duplicated struct pointer whose shadow struct holds shadow pointers for its pointer members. */
#include "enzyme_test.h"

typedef struct {
    int n;
    double scale;
    double *values;  /* active data behind a pointer member */
    double *weights;
} Series;

__attribute__((noinline)) static double weighted_energy(const Series *s)
{
    double e = 0.0;
    for (int i = 0; i < s->n; i++)
        e += s->weights[i] * s->values[i] * s->values[i];
    return s->scale * e + sin(s->values[0] * s->scale);
}

/* writes through the member pointer as well */
static double normalise(Series *s)
{
    double norm = 0.0;
    for (int i = 0; i < s->n; i++)
        norm += s->values[i] * s->values[i];
    norm = sqrt(norm);
    for (int i = 0; i < s->n; i++)
        s->values[i] /= norm;
    return norm * s->scale;
}

static double w_energy_scale(double sc)
{
    double v[3] = {0.5, -1.5, 2.0}, w[3] = {1.0, 2.0, 0.5};
    Series s = {3, sc, v, w};
    return weighted_energy(&s);
}
static double w_energy_dir(double *x, void *c)
{
    (void)c;
    double w[3] = {1.0, 2.0, 0.5};
    Series s = {3, 1.3, x, w};
    return weighted_energy(&s);
}

int main(void)
{
    double v[3] = {0.5, -1.5, 2.0}, w[3] = {1.0, 2.0, 0.5};
    double dv[3] = {0, 0, 0}, dw[3] = {0, 0, 0};
    Series s = {3, 1.3, v, w};
    Series ds = {3, 1.0, dv, dw}; /* tangent of scale = 1, everything else 0 */
    check_close("d/dscale", __enzyme_fwddiff((void *)weighted_energy, &s, &ds), central_diff(w_energy_scale, 1.3, CORPUS_H), 1e-6);

    double dir[3] = {1.0, -0.5, 0.25};
    Series ds2 = {3, 0.0, dir, dw};
    check_close("d/dvalues", __enzyme_fwddiff((void *)weighted_energy, &s, &ds2), central_diff_dir(w_energy_dir, 0, v, dir, 3, CORPUS_H), 1e-6);

    double dwt[3] = {0.0, 1.0, 0.0};
    Series ds3 = {3, 0.0, dv, dwt};
    check_close("d/dweight1", __enzyme_fwddiff((void *)weighted_energy, &s, &ds3), 1.3 * v[1] * v[1], 1e-14);

    /* normalise: values become v/|v|; their tangents land in the shadow member buffer */
    double nv[3] = {3.0, 0.0, 4.0}, dnv[3] = {1.0, 0.0, 0.0};
    Series ns = {3, 2.0, nv, w};
    Series dns = {3, 0.0, dnv, dw};
    double dnorm = __enzyme_fwddiff((void *)normalise, &ns, &dns);
    check_close("normalise result", dnorm, 2.0 * 3.0 / 5.0, 1e-14);
    check_close("normalise primal 0", nv[0], 0.6, 1e-15);
    /* d(x/|v|)/dx0 at (3,0,4): 1/5 - 3*3/125 = 16/125 */
    check_close("normalise shadow 0", dnv[0], 16.0 / 125.0, 1e-14);
    check_close("normalise shadow 2", dnv[2], -12.0 / 125.0, 1e-14);
    return corpus_exit();
}
