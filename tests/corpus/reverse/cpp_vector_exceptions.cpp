// corpus-flags: -fexceptions
// std::vector in a differentiated function compiled with exceptions, none thrown on the differentiated path:
// reserve / push_back (which may reallocate and so can throw bad_alloc) / at (which can throw
// out_of_range) inside a try block whose handler returns a fallback value, a class with a user-written
// destructor holding a vector (so calls become invokes with cleanup landing pads), and a
// std::vector<std::vector<double>> built row by row with push_back of inner vectors (moves of heap-owning
// objects). Gradients against central differences, a repeated gradient, and the dot-product test.
#include "enzyme_reverse_test.h"
#include <stdexcept>
#include <vector>

// A running window of features; the destructor clears and counts (a side effect the compiler must keep).
static int windows_destroyed = 0;
class FeatureWindow
{
public:
    explicit FeatureWindow(std::size_t capacity) { values_.reserve(capacity); }
    ~FeatureWindow()
    {
        values_.clear();
        windows_destroyed++;
    }
    void add(double v) { values_.push_back(v); }
    double at(std::size_t i) const { return values_.at(i); }
    std::size_t size() const { return values_.size(); }

private:
    std::vector<double> values_;
};

// Builds a ragged table (row r has r + 2 entries) from x and returns a weighted energy.
static double table_energy(const double *x, int n)
{
    double result = 0.0;
    try
    {
        std::vector<std::vector<double>> table;
        table.reserve(2); // deliberately too small: push_back of rows reallocates and moves them
        for (int r = 0; r < 4; r++)
        {
            std::vector<double> row;
            for (int c = 0; c < r + 2; c++) row.push_back(x[(r + c) % n] * cos(x[(r * c + 1) % n]));
            table.push_back(std::move(row));
        }
        FeatureWindow window(3); // grows past its reserved capacity
        for (std::size_t r = 0; r < table.size(); r++)
        {
            double s = 0.0;
            for (std::size_t c = 0; c < table.at(r).size(); c++) s += table.at(r).at(c) * table.at(r).at(c);
            window.add(sqrt(s + 1.0));
            window.add(table.at(r).at(0) * s);
        }
        for (std::size_t i = 0; i < window.size(); i++) result += window.at(i) * (1.0 + 0.1 * (double)i);
        if (window.size() != 8) throw std::logic_error("table_energy: wrong window size");
    }
    catch (const std::out_of_range &)
    {
        return -1.0;
    }
    catch (const std::exception &)
    {
        return -2.0;
    }
    return result;
}

static double table_at(double *x, void *) { return table_energy(x, 6); }

int main()
{
    rev_seed(2718);
    const int n = 6;
    double x[n], dx[n] = {0}, dx2[n] = {0}, v[n];
    rev_rand_fill(x, n);
    rev_rand_fill(v, n);
    double directional = 0.0;
    try
    {
        __enzyme_autodiff_v((void *)table_energy, enzyme_dup, x, dx, enzyme_const, n);
        __enzyme_autodiff_v((void *)table_energy, enzyme_dup, x, dx2, enzyme_const, n);
        directional = __enzyme_fwddiff((void *)table_energy, enzyme_dup, x, v, enzyme_const, n);
    }
    catch (...)
    {
        check_true("no exception escapes the derivative calls", false);
    }
    check_true("primal takes the normal path", table_energy(x, n) > 0.0);
    rev_check_grad("table_energy", table_at, nullptr, x, dx, n, REV_H, REV_TOL);
    for (int i = 0; i < n; i++) check_close("second gradient equals first", dx2[i], dx[i], 1e-15);
    rev_check_dot("table_energy", directional, rev_dot(v, dx, n));
    check_true("destructors ran", windows_destroyed > 0);
    return corpus_exit();
}
