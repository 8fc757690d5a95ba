/* Two call shapes that tripped reverse mode: a noinline function returning a 24-byte struct (returned
 * through an sret pointer) that also takes an active double, whose gradient must not keep the sret
 * attribute; and a static function passed as a pointer argument to a static helper, which at -O0 only
 * becomes a direct call once the helper is inlined. */
#include "enzyme_reverse_test.h"

typedef struct {
    double x, y, z;
} Vec;

__attribute__((noinline)) static Vec scale(double s, const Vec *v)
{
    Vec r = {s * v->x, s * v->y, s * v->z};
    return r;
}

typedef double (*Unary)(double);
static double square(double t) { return t * t; }
static double wave(double t) { return sin(3.0 * t); }
static double apply_sum(Unary f, const double *x, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += f(x[i]) * x[(i + 1) % n];
    return s;
}

static double f(const double *q)
{
    Vec a = {q[0], q[1], q[2]};
    Vec b = scale(q[3], &a);
    return b.x * b.y + b.z + apply_sum(square, q, 4) + apply_sum(wave, q, 4);
}

static double fq(double *q, void *unused) { (void)unused; return f(q); }

int main(void)
{
    rev_seed(99);
    double q[4], dq[4] = {0};
    rev_rand_fill(q, 4);
    __enzyme_autodiff_v((void *)f, q, dq);
    rev_check_grad("dq", fq, NULL, q, dq, 4, REV_H, REV_TOL);
    return corpus_exit();
}
