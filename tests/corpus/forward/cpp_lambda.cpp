// Lambdas called inside the differentiated function (capturing by value and by reference), and a generic lambda.
#include "enzyme_test.h"

template <typename F>
__attribute__((noinline)) double integrate(F f, double a, double b, int n)
{
    double h = (b - a) / n, s = 0.5 * (f(a) + f(b));
    for (int i = 1; i < n; i++) s += f(a + i * h);
    return s * h;
}

static double f(double x)
{
    double k = x * 2.0;
    auto by_value = [k](double t) { return sin(k * t); };
    double acc = 0.0;
    auto by_ref = [&acc, x](double t) { acc += x * t * t; };
    for (int i = 0; i < 4; i++) by_ref(0.5 * i);
    auto generic = [](auto a, auto b) { return a * b + a; };
    return by_value(1.5) + acc + generic(x, x);
}

// integral of exp(p t) over [0, 1] = (e^p - 1)/p, differentiated w.r.t. p
static double g(double p)
{
    return integrate([p](double t) { return exp(p * t); }, 0.0, 1.0, 200);
}

int main()
{
    double x = 0.7;
    check_close("lambdas", __enzyme_fwddiff((void *)f, x, 1.0), central_diff(f, x, CORPUS_H), 1e-6);
    check_close("lambdas closed", __enzyme_fwddiff((void *)f, x, 1.0), 3.0 * cos(3.0 * x) + 3.5 + 2 * x + 1, 1e-14);
    check_close("integrate lambda", __enzyme_fwddiff((void *)g, 1.2, 1.0), central_diff(g, 1.2, CORPUS_H), 1e-6);
    return corpus_exit();
}
