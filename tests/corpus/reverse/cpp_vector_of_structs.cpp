// std::vector in the shapes real code uses: a std::vector of structs (observations with a time and a
// value) filled by push_back and emplace_back inside a loop (reallocations move the structs), a
// std::vector<double> residual buffer resized inside an outer loop to a size that changes per pass, a
// vector of per-pass losses grown with push_back, and a piecewise-linear model evaluated by index search
// over knot vectors. Gradient w.r.t. the knot values and the raw samples; dot-product test.
#include "enzyme_reverse_test.h"
#include <vector>

struct Observation
{
    double t, y, w;
    Observation(double t_, double y_, double w_) : t(t_), y(y_), w(w_) {}
};

static double model(const double *knots, int nk, double t)
{
    int j = (int)(t * (nk - 1));
    if (j > nk - 2) j = nk - 2;
    double a = t * (nk - 1) - j;
    return (1.0 - a) * knots[j] + a * knots[j + 1];
}

static double fit(const double *knots, int nk, const double *samples, int ns)
{
    std::vector<Observation> obs;
    for (int i = 0; i < ns; i++) {
        double t = (i + 0.5) / ns;
        if (i % 2 == 0)
            obs.push_back(Observation(t, samples[i], 1.0));
        else
            obs.emplace_back(t, samples[i] * samples[i], 0.5);
    }
    std::vector<double> residual;
    std::vector<double> pass_loss;
    for (int pass = 1; pass <= 3; pass++) {
        residual.resize(obs.size() / pass); // shrinks: uses the first observations only
        double l = 0.0;
        for (std::size_t i = 0; i < residual.size(); i++) {
            const Observation &o = obs[i];
            residual[i] = model(knots, nk, o.t) - o.y;
            l += o.w * residual[i] * residual[i];
        }
        pass_loss.push_back(l / pass);
    }
    double total = 0.0;
    for (double l : pass_loss) total += l;
    return total + 0.01 * residual.back() * residual.back();
}

constexpr int NK = 5;
constexpr int NS = 13;
static double wk(double *k, void *s) { return fit(k, NK, (const double *)s, NS); }
static double ws(double *s, void *k) { return fit((const double *)k, NK, s, NS); }

int main()
{
    rev_seed(1612);
    double k[NK], dk[NK] = {0}, vk[NK], s[NS], ds[NS] = {0}, vs[NS];
    rev_rand_fill(k, NK);
    rev_rand_fill(s, NS);
    rev_rand_fill(vk, NK);
    rev_rand_fill(vs, NS);
    __enzyme_autodiff_v((void *)fit, k, dk, NK, s, ds, NS);
    rev_check_grad("dknots", wk, s, k, dk, NK, REV_H, REV_TOL);
    rev_check_grad("dsamples", ws, k, s, ds, NS, REV_H, REV_TOL);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)fit, k, vk, NK, s, vs, NS);
    rev_check_dot("vector fit", w * jv, w * (rev_dot(vk, dk, NK) + rev_dot(vs, ds, NS)));
    return corpus_exit();
}
