// corpus-flags: -fexceptions
// C++ compiled with exceptions that are not thrown on the differentiated path: a guarded throw,
// vector::at (which can throw out_of_range), destructors that run on unwinding (so calls become
// invokes with landing pads), and the Enzyme calls themselves inside try blocks.
#include "enzyme_reverse_test.h"
#include <stdexcept>
#include <vector>

struct Scratch
{
    std::vector<double> data;
    explicit Scratch(std::size_t n) : data(n) {}
    ~Scratch() { data.clear(); }
};

static double checked_norm(const double *x, int n)
{
    if (n <= 0) throw std::invalid_argument("checked_norm: n must be positive");
    Scratch s((std::size_t)n);
    for (int i = 0; i < n; i++) s.data.at((std::size_t)i) = x[i] * x[(i + 1) % n];
    double sum = 0.0;
    for (int i = 0; i < n; i++) sum += s.data.at((std::size_t)i) * exp(-x[i] * x[i]);
    return sum;
}

static double wrap(double *x, void *) { return checked_norm(x, 6); }

int main()
{
    rev_seed(5);
    double x[6], dx[6] = {0}, v[6];
    rev_rand_fill(x, 6);
    rev_rand_fill(v, 6);
    double directional = 0.0;
    try
    {
        std::vector<double> keep(3, 1.0);   // a destructor pending: the calls below are invokes
        __enzyme_autodiff_v((void *)checked_norm, x, dx, 6);
        directional = __enzyme_fwddiff((void *)checked_norm, x, v, 6);
        keep.push_back(directional);
    }
    catch (const std::exception &e)
    {
        printf("FAIL unexpected exception: %s\n", e.what());
        return 1;
    }
    rev_check_grad("dx", wrap, nullptr, x, dx, 6, REV_H, REV_TOL);
    rev_check_dot("checked_norm", directional, rev_dot(v, dx, 6));
    return corpus_exit();
}
