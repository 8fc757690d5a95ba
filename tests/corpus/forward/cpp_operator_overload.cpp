// Operator overloading on a small vector/complex type used inside the differentiated function.
#include "enzyme_test.h"

struct V3 {
    double x, y, z;
    V3 operator+(const V3 &o) const { return {x + o.x, y + o.y, z + o.z}; }
    V3 operator-(const V3 &o) const { return {x - o.x, y - o.y, z - o.z}; }
    V3 operator*(double s) const { return {x * s, y * s, z * s}; }
    double operator*(const V3 &o) const { return x * o.x + y * o.y + z * o.z; }
    V3 &operator+=(const V3 &o)
    {
        x += o.x; y += o.y; z += o.z;
        return *this;
    }
    double &operator[](int i) { return i == 0 ? x : (i == 1 ? y : z); }
};
static V3 operator^(const V3 &a, const V3 &b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }

static double f(double t)
{
    V3 a{t, 1.0, 2.0 * t}, b{0.5, t * t, -1.0};
    V3 c = (a ^ b) + a * 3.0 - b;
    c += V3{1.0, 1.0, 1.0} * t;
    c[1] = c[1] * c[0];
    return c * c + (a * b);
}

int main()
{
    const double pts[] = {0.2, -1.3};
    for (double t : pts)
        check_close("operators", __enzyme_fwddiff((void *)f, t, 1.0), central_diff(f, t, CORPUS_H), 1e-6);
    return corpus_exit();
}
