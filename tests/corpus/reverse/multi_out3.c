/* Three enzyme_out arguments: the adjoints come back in a 24-byte struct, returned through a hidden pointer. */
#include "enzyme_reverse_test.h"

static double f3(double x, double y, double z) { return x * y * z + sin(x) * exp(0.5 * z) - y / (1.0 + z * z); }
/* ints interleaved with the active doubles (ints default to const) */
static double f3i(double x, int k, double y, int m, double z) { return pow(x, k) * y + m * z * z + x * z; }

static double w3(double *v, void *c) { (void)c; return f3(v[0], v[1], v[2]); }
static double w3i(double *v, void *c) { (void)c; return f3i(v[0], 3, v[1], 2, v[2]); }

int main(void)
{
    rev_seed(3);
    double p[3] = {0.9, -1.2, 0.4};
    Grad3 g = __enzyme_autodiff3((void *)f3, p[0], p[1], p[2]);
    double gr[3] = {g.a, g.b, g.c};
    rev_check_grad("f3", w3, 0, p, gr, 3, REV_H, REV_TOL);
    double v[3], w = rev_rand();
    rev_rand_fill(v, 3);
    rev_check_dot("f3", w * __enzyme_fwddiff((void *)f3, p[0], v[0], p[1], v[1], p[2], v[2]), w * rev_dot(v, gr, 3));

    Grad3 gi = __enzyme_autodiff3((void *)f3i, p[0], 3, p[1], 2, p[2]);
    double gri[3] = {gi.a, gi.b, gi.c};
    rev_check_grad("f3i", w3i, 0, p, gri, 3, REV_H, REV_TOL);
    rev_check_dot("f3i", w * __enzyme_fwddiff((void *)f3i, p[0], v[0], 3, p[1], v[1], 2, p[2], v[2]), w * rev_dot(v, gri, 3));

    /* explicit markers */
    Grad3 ge = __enzyme_autodiff3((void *)f3, enzyme_out, p[0], enzyme_out, p[1], enzyme_out, p[2]);
    check_close("explicit a", ge.a, g.a, 1e-15);
    check_close("explicit b", ge.b, g.b, 1e-15);
    check_close("explicit c", ge.c, g.c, 1e-15);
    return corpus_exit();
}
