// C++ operator overloading on a small 3-vector value type (returned by value in registers), used in a
// differentiated function computing a triangle's area and a dihedral-like quantity.
#include "enzyme_reverse_test.h"

struct V3 {
    double x, y, z;
};
static inline V3 operator+(V3 a, V3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
static inline V3 operator-(V3 a, V3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
static inline V3 operator*(double s, V3 a) { return {s * a.x, s * a.y, s * a.z}; }
static inline double operator*(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline V3 operator^(V3 a, V3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
static inline V3 &operator+=(V3 &a, V3 b) { a = a + b; return a; }

static double geom(const V3 *p)
{
    V3 n = (p[1] - p[0]) ^ (p[2] - p[0]);
    double area = 0.5 * sqrt(n * n);
    V3 c{0, 0, 0};
    for (int i = 0; i < 4; i++) c += 0.25 * p[i];
    V3 m = (p[3] - c) ^ n;
    return area + atan2(sqrt(m * m), (p[3] - c) * n);
}

static double wp(double *p, void *) { return geom((const V3 *)p); }

int main()
{
    rev_seed(75);
    V3 p[4], dp[4] = {}, vp[4];
    rev_rand_fill(&p[0].x, 12);
    rev_rand_fill(&vp[0].x, 12);
    __enzyme_autodiff_v((void *)geom, p, dp);
    rev_check_grad("dp", wp, nullptr, &p[0].x, &dp[0].x, 12, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("geom", w * __enzyme_fwddiff((void *)geom, p, vp), w * rev_dot(&vp[0].x, &dp[0].x, 12));
    return corpus_exit();
}
