// std::array: passed by pointer to the differentiated function, local std::array temporaries, range-for,
// std::inner_product-like loops and member functions (size, operator[]).
#include "enzyme_reverse_test.h"
#include <array>

using A6 = std::array<double, 6>;

static double energy(const A6 *x, const A6 *y)
{
    A6 t{};
    for (std::size_t i = 0; i < t.size(); i++) t[i] = (*x)[i] * (*y)[(i + 1) % 6] + cos((*x)[i]);
    double s = 0.0;
    for (double v : t) s += v * v;
    std::array<double, 2> pair{{(*x)[0], (*y)[5]}};
    return s + pair[0] * pair[1];
}

static double wx(double *x, void *y) { return energy((const A6 *)x, (const A6 *)y); }
static double wy(double *y, void *x) { return energy((const A6 *)x, (const A6 *)y); }

int main()
{
    rev_seed(73);
    A6 x, y, dx{}, dy{}, vx, vy;
    rev_rand_fill(x.data(), 6);
    rev_rand_fill(y.data(), 6);
    rev_rand_fill(vx.data(), 6);
    rev_rand_fill(vy.data(), 6);
    __enzyme_autodiff_v((void *)energy, &x, &dx, &y, &dy);
    rev_check_grad("dx", wx, &y, x.data(), dx.data(), 6, REV_H, REV_TOL);
    rev_check_grad("dy", wy, &x, y.data(), dy.data(), 6, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("energy", w * __enzyme_fwddiff((void *)energy, &x, &vx, &y, &vy),
                  w * (rev_dot(vx.data(), dx.data(), 6) + rev_dot(vy.data(), dy.data(), 6)));
    return corpus_exit();
}
