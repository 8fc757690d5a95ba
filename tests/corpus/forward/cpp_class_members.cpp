// Classes with member functions (virtual ones are in cpp_virtual.cpp), constructors, const methods, static members.
#include "enzyme_test.h"

class Spring {
public:
    Spring(double k, double rest) : k_(k), rest_(rest) {}
    __attribute__((noinline)) double energy(double x) const
    {
        double d = x - rest_;
        return 0.5 * k_ * d * d;
    }
    void stiffen(double f) { k_ *= f; }
    double k() const { return k_; }
    static double combine(double a, double b) { return sqrt(a * a + b * b); }

private:
    double k_, rest_;
};

static double f(double x)
{
    Spring s(x, 0.5);
    s.stiffen(1.0 + x);
    double e = s.energy(2.0 * x);
    return Spring::combine(e, s.k());
}

// method called on a duplicated object pointer
static double via_object(Spring *sp, double x) { return sp->energy(x) * sp->k(); }

int main()
{
    check_close("members", __enzyme_fwddiff((void *)f, 0.8, 1.0), central_diff(f, 0.8, CORPUS_H), 1e-6);
    Spring sp(3.0, 1.0), dsp(1.0, 0.0); // shadow: d k = 1, d rest = 0
    check_close("dup object", __enzyme_fwddiff((void *)via_object, &sp, &dsp, 2.0, 0.0), 2 * 3.0 * 0.5 * 1.0, 1e-14);
    return corpus_exit();
}
