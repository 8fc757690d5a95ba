// C++ templates: a function template instantiated for double and float, a class template with a fixed-size
// member array, and compile-time recursion on a template parameter.
#include "enzyme_reverse_test.h"

template <typename T>
T poly(const T *c, int n, T x)
{
    T s = T(0), p = T(1);
    for (int i = 0; i < n; i++) {
        s += c[i] * p / T(i + 1);
        p *= x;
    }
    return s;
}

template <int N>
struct Pow {
    static double eval(double x) { return x * Pow<N - 1>::eval(x); }
};
template <>
struct Pow<0> {
    static double eval(double) { return 1.0; }
};

template <typename T, int N>
struct Vec {
    T v[N];
    T dot(const Vec &o) const
    {
        T s = T(0);
        for (int i = 0; i < N; i++) s += v[i] * o.v[i];
        return s;
    }
};

static double pow5(double x) { return Pow<5>::eval(x) + Pow<2>::eval(x); }
static double vec_energy(const Vec<double, 4> *a, double k)
{
    Vec<double, 4> b;
    for (int i = 0; i < 4; i++) b.v[i] = sin(k * a->v[i]);
    return a->dot(b) + b.dot(b);
}
static double wpoly(double *c, void *x) { return poly<double>(c, 6, *(double *)x); }
static double wvec(double *v, void *k) { return vec_energy((const Vec<double, 4> *)v, *(double *)k); }

int main()
{
    rev_seed(71);
    double c[6], dc[6] = {0}, vc[6], x = 0.9;
    rev_rand_fill(c, 6);
    rev_rand_fill(vc, 6);
    double dx = __enzyme_autodiff((void *)poly<double>, c, dc, 6, x);
    rev_check_grad("poly<double> dc", wpoly, &x, c, dc, 6, REV_H, REV_TOL);
    double fdx = (poly<double>(c, 6, x + REV_H) - poly<double>(c, 6, x - REV_H)) / (2 * REV_H);
    check_close("poly<double> dx", dx, fdx, REV_TOL);
    double w = rev_rand(), vx = rev_rand();
    rev_check_dot("poly<double>", w * __enzyme_fwddiff((void *)poly<double>, c, vc, 6, x, vx), w * (rev_dot(vc, dc, 6) + vx * dx));

    float cf[3] = {1.0f, 2.0f, 3.0f}, dcf[3] = {0, 0, 0};
    float dxf = __enzyme_autodiff_f((void *)poly<float>, cf, dcf, 3, 0.5f);
    check_close("poly<float> dx", dxf, 2.0 / 2.0 + 3.0 * 2.0 * 0.5 / 3.0, 1e-6);
    check_close("poly<float> dc0", dcf[0], 1.0, 1e-6);
    check_close("poly<float> dc1", dcf[1], 0.5 / 2.0, 1e-6);
    check_close("poly<float> dc2", dcf[2], 0.25 / 3.0, 1e-6);

    check_close("Pow<5>", __enzyme_autodiff((void *)pow5, 1.3), 5 * pow(1.3, 4) + 2 * 1.3, 1e-13);
    check_close("Pow<5> dot", __enzyme_fwddiff((void *)pow5, 1.3, 1.0), __enzyme_autodiff((void *)pow5, 1.3), 1e-13);

    Vec<double, 4> a{{0.3, -0.7, 1.1, 0.5}}, da{{0, 0, 0, 0}}, ta{{0.2, 0.4, -0.6, 1.0}};
    double k = 1.4;
    double dk = __enzyme_autodiff((void *)vec_energy, &a, &da, k);
    rev_check_grad("Vec da", wvec, &k, a.v, da.v, 4, REV_H, REV_TOL);
    double fdk = (vec_energy(&a, k + REV_H) - vec_energy(&a, k - REV_H)) / (2 * REV_H);
    check_close("Vec dk", dk, fdk, REV_TOL);
    double vk = rev_rand();
    rev_check_dot("Vec", w * __enzyme_fwddiff((void *)vec_energy, &a, &ta, k, vk), w * (rev_dot(ta.v, da.v, 4) + vk * dk));
    return corpus_exit();
}
