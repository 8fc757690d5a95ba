// std::vector<double> in the differentiated function: passed by pointer and by reference, sized
// construction, push_back growing the buffer (allocate, move, free the old block inside the loop),
// reserve, resize, range-for, a vector of vectors and std::accumulate.
#include "enzyme_reverse_test.h"
#include <numeric>
#include <vector>

static double smooth(const std::vector<double> &x)
{
    std::vector<double> out;
    for (std::size_t i = 0; i + 1 < x.size(); i++) out.push_back(0.5 * (x[i] + x[i + 1]) * x[i]);
    return std::accumulate(out.begin(), out.end(), 0.0, [](double a, double v) { return a + sin(v); });
}

static double energy(const std::vector<double> *x, const double *w)
{
    std::vector<double> squares;
    squares.reserve(2);                       // too small: push_back still reallocates
    for (double v : *x) squares.push_back(v * v * w[0]);
    std::vector<std::vector<double>> rows(3);
    for (std::size_t r = 0; r < rows.size(); r++)
    {
        rows[r].resize(x->size());
        for (std::size_t i = 0; i < x->size(); i++) rows[r][i] = (*x)[(i + r) % x->size()] * w[r + 1];
    }
    double s = smooth(squares);
    for (const auto &row : rows) s += smooth(row);
    return s;
}

static double wx(double *x, void *w)
{
    std::vector<double> v(x, x + 9);
    return energy(&v, (const double *)w);
}

static double ww(double *w, void *x)
{
    std::vector<double> v((double *)x, (double *)x + 9);
    return energy(&v, w);
}

int main()
{
    rev_seed(41);
    std::vector<double> x(9), dx(9, 0.0), v(9);
    double w[4], dw[4] = {0}, vw[4];
    rev_rand_fill(x.data(), 9);
    rev_rand_fill(v.data(), 9);
    rev_rand_fill(w, 4);
    rev_rand_fill(vw, 4);
    __enzyme_autodiff_v((void *)energy, &x, &dx, w, dw);
    rev_check_grad("dx", wx, w, x.data(), dx.data(), 9, REV_H, REV_TOL);
    rev_check_grad("dw", ww, x.data(), w, dw, 4, REV_H, REV_TOL);
    double directional = __enzyme_fwddiff((void *)energy, &x, &v, w, vw);
    rev_check_dot("energy", directional, rev_dot(v.data(), dx.data(), 9) + rev_dot(vw, dw, 4));
    return corpus_exit();
}
