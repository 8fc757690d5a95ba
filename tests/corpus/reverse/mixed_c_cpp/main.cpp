// mixed_c_cpp: a C++ function (templated helper) calls the C kernel; both are differentiated together.
#include "enzyme_reverse_test.h"

extern "C" void c_kernel(const double *x, double *y, int n);

template <int N>
static double cpp_loss(const double *x)
{
    double y[N];
    c_kernel(x, y, N);
    double s = 0.0;
    for (int i = 0; i < N; i++) s += y[i] * y[i] * (i + 1);
    return s;
}

static double wl(double *x, void *) { return cpp_loss<5>(x); }
static double *g_w;
static double wk(double *x, void *)
{
    double y[5];
    c_kernel(x, y, 5);
    return rev_dot(y, g_w, 5);
}

int main()
{
    rev_seed(82);
    double x[5], dx[5] = {0}, v[5];
    rev_rand_fill(x, 5);
    rev_rand_fill(v, 5);
    __enzyme_autodiff_v((void *)cpp_loss<5>, x, dx);
    rev_check_grad("cpp_loss", wl, nullptr, x, dx, 5, REV_H, REV_TOL);
    double w = rev_rand();
    rev_check_dot("cpp_loss", w * __enzyme_fwddiff((void *)cpp_loss<5>, x, v), w * rev_dot(v, dx, 5));

    /* the C kernel directly: vector-valued, output shadow seeded with weights */
    double y[5], dy[5], wv[5], dk[5] = {0}, ty[5];
    rev_rand_fill(wv, 5);
    g_w = wv;
    for (int i = 0; i < 5; i++) dy[i] = wv[i];
    __enzyme_autodiff_v((void *)c_kernel, x, dk, y, dy, 5);
    rev_check_grad("c_kernel JTw", wk, nullptr, x, dk, 5, REV_H, REV_TOL);
    __enzyme_fwddiff_v((void *)c_kernel, x, v, y, ty, 5);
    rev_check_dot("c_kernel", rev_dot(ty, wv, 5), rev_dot(v, dk, 5));
    return corpus_exit();
}
