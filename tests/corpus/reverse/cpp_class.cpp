// C++ classes: a class with private state, constructor, const and non-const member functions, a member
// function differentiated through a free wrapper, and a derived class (non-virtual).
#include "enzyme_reverse_test.h"

class Spring {
public:
    Spring(double k, double rest) : k_(k), rest_(rest) {}
    double energy(double x1, double x2) const
    {
        double d = stretch(x1, x2);
        return 0.5 * k_ * d * d;
    }
    void stiffen(double f) { k_ *= f; }
    double k() const { return k_; }

protected:
    double stretch(double x1, double x2) const { return fabs(x2 - x1) - rest_; }

private:
    double k_, rest_;
};

class NonlinearSpring : public Spring {
public:
    NonlinearSpring(double k, double rest, double c) : Spring(k, rest), c_(c) {}
    double energy(double x1, double x2) const
    {
        double d = stretch(x1, x2);
        return Spring::energy(x1, x2) + c_ * d * d * d * d;
    }

private:
    double c_;
};

static double chain(const double *x, int n, double k)
{
    double e = 0.0;
    for (int i = 0; i + 1 < n; i++) {
        NonlinearSpring s(k, 1.0, 0.1 * i);
        s.stiffen(1.0 + 0.01 * i);
        e += s.energy(x[i], x[i + 1]);
    }
    return e;
}

static double wx(double *x, void *k) { return chain(x, 6, *(double *)k); }

int main()
{
    rev_seed(74);
    double x[6], dx[6] = {0}, v[6], k = 2.5;
    for (int i = 0; i < 6; i++) x[i] = 1.3 * i + 0.3 * rev_rand();
    rev_rand_fill(v, 6);
    double dk = __enzyme_autodiff((void *)chain, x, dx, 6, k);
    rev_check_grad("dx", wx, &k, x, dx, 6, REV_H, REV_TOL);
    check_close("dk", dk, (chain(x, 6, k + REV_H) - chain(x, 6, k - REV_H)) / (2 * REV_H), REV_TOL);
    double w = rev_rand(), vk = rev_rand();
    rev_check_dot("chain", w * __enzyme_fwddiff((void *)chain, x, v, 6, k, vk), w * (rev_dot(v, dx, 6) + vk * dk));
    return corpus_exit();
}
