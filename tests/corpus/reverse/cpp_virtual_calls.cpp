/* C++ virtual calls in a loop: a base class with a virtual double f(double) and two derived classes,
 * held in an array of base pointers; the differentiated function sums objs[i]->f(x[i]) (each call goes
 * through the object's vptr, the target known only at run time). Gradient and tangent against closed
 * forms; dot-product test. */
#include "enzyme_reverse_test.h"

struct Shape {
    virtual double f(double x) const = 0;
    virtual ~Shape() {}
};
struct Square : Shape {
    double a;
    explicit Square(double a_) : a(a_) {}
    double f(double x) const override { return a * x * x; }
};
struct Sine : Shape {
    double w;
    explicit Sine(double w_) : w(w_) {}
    double f(double x) const override { return sin(w * x) + x; }
};

#define N 6
static double total(Shape *const *objs, const double *x)
{
    double s = 0.0;
    for (int i = 0; i < N; i++) s += objs[i]->f(x[i]) * (1.0 + 0.5 * x[(i + 1) % N]);
    return s;
}

static double wx(double *x, void *objs) { return total((Shape *const *)objs, x); }

int main()
{
    rev_seed(2029);
    Square a(1.5), b(-0.75), c(2.0);
    Sine d(0.5), e(1.3), g(-2.1);
    Shape *objs[N] = {&a, &d, &b, &e, &c, &g};
    double x[N], dx[N] = {0}, v[N];
    rev_rand_fill(x, N);
    rev_rand_fill(v, N);
    __enzyme_autodiff_v((void *)total, enzyme_const, objs, x, dx);
    for (int i = 0; i < N; i++) {
        /* d/dx_i [f_i(x_i) (1 + x_{i+1}/2)] + d/dx_i [f_{i-1}(x_{i-1}) (1 + x_i/2)] */
        int p = (i + N - 1) % N;
        check_close("closed form", dx[i], objs[i]->f(x[i]) * 0 + (i % 2 == 0 ? 2.0 * ((Square *)objs[i])->a * x[i] : ((Sine *)objs[i])->w * cos(((Sine *)objs[i])->w * x[i]) + 1.0) * (1.0 + 0.5 * x[(i + 1) % N]) + 0.5 * objs[p]->f(x[p]), 1e-12);
    }
    rev_check_grad("dx", wx, objs, x, dx, N, REV_H, REV_TOL);
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)total, enzyme_const, objs, x, v);
    rev_check_dot("virtual", w * jv, w * rev_dot(v, dx, N));
    return corpus_exit();
}
