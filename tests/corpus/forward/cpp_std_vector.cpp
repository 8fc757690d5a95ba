// std::vector<double> created, grown and read inside the differentiated function.
#include <vector>
#include "enzyme_test.h"

static double f(double x, int n)
{
    std::vector<double> v;
    v.reserve(2);
    for (int i = 0; i < n; i++) v.push_back(x * (i + 1)); // grows past the reservation
    std::vector<double> w(v.begin(), v.end());
    for (size_t i = 0; i < w.size(); i++) w[i] = sin(w[i]) * v[i];
    double s = 0.0;
    for (double e : w) s += e;
    v.resize(1);
    return s + v.back() * v.size();
}

// a vector passed by pointer (dup: the shadow vector holds shadow storage)
static double sum_sq(const std::vector<double> *v)
{
    double s = 0.0;
    for (size_t i = 0; i < v->size(); i++) s += (*v)[i] * (*v)[i];
    return s;
}

static double w_f(double x, void *c) { return f(x, *(int *)c); }

int main()
{
    for (int n = 1; n < 8; n += 3)
        check_close("vector", __enzyme_fwddiff((void *)f, 0.4, 1.0, n), central_diff_ctx(w_f, &n, 0.4, CORPUS_H), 1e-6);
    std::vector<double> v{1.0, 2.0, 3.0}, dv{0.0, 1.0, 0.0};
    check_close("dup vector", __enzyme_fwddiff((void *)sum_sq, &v, &dv), 4.0, 1e-15);
    return corpus_exit();
}
