// std::array inside the differentiated function and as a duplicated argument.
#include <array>
#include <numeric>
#include "enzyme_test.h"

static double f(double x)
{
    std::array<double, 5> a;
    for (size_t i = 0; i < a.size(); i++) a[i] = exp(-x * i);
    std::array<double, 5> b = a; // copy
    for (auto &e : b) e *= x;
    return std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
}

static double g(const std::array<double, 3> *p) { return (*p)[0] * (*p)[1] / (*p)[2]; }

int main()
{
    check_close("std::array", __enzyme_fwddiff((void *)f, 0.3, 1.0), central_diff(f, 0.3, CORPUS_H), 1e-6);
    std::array<double, 3> a{2.0, 3.0, 4.0}, da{1.0, 1.0, 1.0};
    check_close("dup std::array", __enzyme_fwddiff((void *)g, &a, &da), 3.0 / 4 + 2.0 / 4 - 6.0 / 16, 1e-15);
    return corpus_exit();
}
