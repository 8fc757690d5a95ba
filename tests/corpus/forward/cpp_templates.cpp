// C++ templates: a templated function instantiated for double and float, a templated struct, recursion on a template parameter.
#include "enzyme_test.h"

template <typename T>
T poly(T x, int n)
{
    T s = T(0), p = T(1);
    for (int i = 0; i < n; i++) {
        s += p / T(i + 1);
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

static double pow5(double x) { return Pow<5>::eval(x); }
static double vec_norm2(double x)
{
    Vec<double, 3> a{{x, 2.0 * x, 1.0}};
    return a.dot(a);
}
static double w_poly(double x) { return poly<double>(x, 7); }

int main()
{
    double x = 1.3;
    check_close("poly<double>", __enzyme_fwddiff((void *)poly<double>, x, 1.0, 7), central_diff(w_poly, x, CORPUS_H), 1e-6);
    double closed = 0.0;
    for (int i = 1; i < 7; i++) closed += (double)i / (i + 1) * pow((double)0.5f, i - 1);
    check_close("poly<float>", (double)__enzyme_fwddiff_f((void *)poly<float>, 0.5f, 1.0f, 7), closed, 1e-6);
    check_close("Pow<5>", __enzyme_fwddiff((void *)pow5, x, 1.0), 5 * pow(x, 4), 1e-14);
    check_close("Vec dot", __enzyme_fwddiff((void *)vec_norm2, x, 1.0), 10 * x, 1e-14);
    return corpus_exit();
}
