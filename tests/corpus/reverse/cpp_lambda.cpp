// C++ lambdas: capturing lambdas called inside the differentiated function, a lambda passed to a template
// algorithm, and a capture-less lambda converted to a function pointer called from the differentiated function.
#include "enzyme_reverse_test.h"

template <typename F>
static double reduce(const double *x, int n, F f)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += f(x[i], i);
    return s;
}

static double f(const double *x, int n, double k)
{
    double shift = 0.5 * k;
    auto g = [k, shift](double v, int i) { return sin(k * v + shift) * (i + 1); };
    auto h = [&](double v, int) { return v * v * k; };
    return reduce(x, n, g) + reduce(x, n, h);
}

/* a capture-less lambda stored in a static function pointer, called by a differentiated function */
static double (*const lam_fp)(double, double) = [](double a, double b) { return a * exp(b) - b / a; };
static double lam2(double a, double b) { return lam_fp(a, b); }

static double wx(double *x, void *k) { return f(x, 5, *(double *)k); }

int main()
{
    rev_seed(72);
    double x[5], dx[5] = {0}, v[5], k = 1.2;
    rev_rand_fill(x, 5);
    rev_rand_fill(v, 5);
    double dk = __enzyme_autodiff((void *)f, x, dx, 5, k);
    rev_check_grad("dx", wx, &k, x, dx, 5, REV_H, REV_TOL);
    check_close("dk", dk, (f(x, 5, k + REV_H) - f(x, 5, k - REV_H)) / (2 * REV_H), REV_TOL);
    double w = rev_rand(), vk = rev_rand();
    rev_check_dot("f", w * __enzyme_fwddiff((void *)f, x, v, 5, k, vk), w * (rev_dot(v, dx, 5) + vk * dk));

    Grad2 g = __enzyme_autodiff2((void *)lam2, 1.5, 0.4);
    check_close("lambda fp da", g.a, exp(0.4) + 0.4 / (1.5 * 1.5), 1e-14);
    check_close("lambda fp db", g.b, 1.5 * exp(0.4) - 1.0 / 1.5, 1e-14);
    double jv = __enzyme_fwddiff((void *)lam2, 1.5, v[0], 0.4, v[1]);
    rev_check_dot("lambda fp", w * jv, w * (v[0] * g.a + v[1] * g.b));
    return corpus_exit();
}
