/* std::unordered_map<std::string, double> inside the differentiated function: doubles inserted under
 * string keys (operator[], insert) and read back (at, operator[]); the gradient flows through the stored
 * doubles, while hashing (std::_Hash_bytes), the rehash policy and std::string's members carry none.
 * Gradient against the closed form; forward tangent against the same. */
#include "enzyme_reverse_test.h"
#include <string>
#include <unordered_map>
#include <cstdio>
static const char *const names[4] = {"alpha", "beta", "gamma", "delta"};
/* f(x) = sum_i w_i * x_i^2 with the squares stored in a map keyed by name, then read back. */
static double f(const double *x)
{
    std::unordered_map<std::string, double> m;
    for (int i = 0; i < 4; i++) m[names[i]] = x[i] * x[i];
    m.insert({"epsilon", x[0] * x[1]});
    double s = 0;
    for (int i = 0; i < 4; i++) s += (i + 1) * m.at(names[i]);
    return s + m["epsilon"] * (double)m.size();
}
int main()
{
    double x[4] = {0.5, -1.25, 2.0, 0.75}, dx[4] = {0}, v[4] = {1, 0, 0, 0};
    __enzyme_autodiff((void *)f, x, dx);
    double e[4] = {2 * x[0] + 5 * x[1], 4 * x[1] + 5 * x[0], 6 * x[2], 8 * x[3]};
    for (int i = 0; i < 4; i++) check_close("dx", dx[i], e[i], 1e-12);
    double t = __enzyme_fwddiff((void *)f, x, v);
    check_close("fwd", t, e[0], 1e-12);
    return corpus_exit();
}
