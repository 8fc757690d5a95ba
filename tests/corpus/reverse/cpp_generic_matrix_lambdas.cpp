// Generic C++ numerics: a Matrix alias std::array<std::array<T, N>, N> templated over the scalar type T,
// template functions (matrix-vector product, a symmetric rank-1 update, a generic fold algorithm taking
// iterators and a callable), and lambdas that capture by reference (the matrix, an accumulator, a scale
// factor) passed to those templates and to std::for_each / std::transform. The same loss template is
// instantiated for double and for float; both instances are differentiated and the float gradient is
// compared with the double one. Gradient w.r.t. the matrix and the vector; dot-product test.
#include "enzyme_reverse_test.h"
#include <algorithm>
#include <array>

template <typename T, std::size_t N> using Vector = std::array<T, N>;
template <typename T, std::size_t N> using Matrix = std::array<std::array<T, N>, N>;

template <typename It, typename T, typename F> T fold(It first, It last, T init, F &&f)
{
    for (; first != last; ++first) init = f(init, *first);
    return init;
}

template <typename T, std::size_t N> void matvec(const Matrix<T, N> &A, const Vector<T, N> &x, Vector<T, N> &y)
{
    for (std::size_t i = 0; i < N; i++)
        y[i] = fold(A[i].begin(), A[i].end(), T(0), [&, j = std::size_t(0)](T acc, T a) mutable { return acc + a * x[j++]; });
}

template <typename T, std::size_t N> void rank1_update(Matrix<T, N> &A, const Vector<T, N> &u, T alpha)
{
    std::size_t i = 0;
    std::for_each(A.begin(), A.end(), [&](std::array<T, N> &row) {
        for (std::size_t j = 0; j < N; j++) row[j] += alpha * u[i] * u[j];
        i++;
    });
}

template <typename T, std::size_t N> T loss(const Matrix<T, N> *A0, const Vector<T, N> *x0)
{
    Matrix<T, N> A = *A0;
    Vector<T, N> x = *x0, y;
    T total = T(0);
    for (int it = 0; it < 3; it++) {
        matvec(A, x, y);
        T scale = T(1) / (T(1) + fold(y.begin(), y.end(), T(0), [](T acc, T v) { return acc + v * v; }));
        std::transform(y.begin(), y.end(), x.begin(), [&](T v) { return tanh(v * scale) + T(0.1) * v; });
        rank1_update(A, x, T(0.05) * scale);
        total = fold(x.begin(), x.end(), total, [&](T acc, T v) { return acc + (T)(it + 1) * v * v; });
    }
    return total + A[0][N - 1];
}

constexpr std::size_t N = 4;
using MatD = Matrix<double, N>;
using VecD = Vector<double, N>;
using MatF = Matrix<float, N>;
using VecF = Vector<float, N>;

// flat [A (16), x (4)]
static double wflat(double *p, void *)
{
    MatD A;
    VecD x;
    for (std::size_t i = 0; i < N; i++) {
        for (std::size_t j = 0; j < N; j++) A[i][j] = p[i * N + j];
        x[i] = p[N * N + i];
    }
    return loss<double, N>(&A, &x);
}

int main()
{
    rev_seed(1615);
    double p[N * N + N], grad[N * N + N], v[N * N + N];
    rev_rand_fill(p, N * N + N);
    rev_rand_fill(v, N * N + N);
    MatD A{}, dA{}, vA{};
    VecD x{}, dx{}, vx{};
    MatF Af{}, dAf{};
    VecF xf{}, dxf{};
    for (std::size_t i = 0; i < N; i++) {
        for (std::size_t j = 0; j < N; j++) {
            A[i][j] = p[i * N + j];
            Af[i][j] = (float)p[i * N + j];
            vA[i][j] = v[i * N + j];
        }
        x[i] = p[N * N + i];
        xf[i] = (float)p[N * N + i];
        vx[i] = v[N * N + i];
    }
    __enzyme_autodiff_v((void *)loss<double, N>, &A, &dA, &x, &dx);
    __enzyme_autodiff_v((void *)loss<float, N>, &Af, &dAf, &xf, &dxf);
    for (std::size_t i = 0; i < N; i++) {
        for (std::size_t j = 0; j < N; j++) grad[i * N + j] = dA[i][j];
        grad[N * N + i] = dx[i];
    }
    rev_check_grad("d(A,x)", wflat, nullptr, p, grad, N * N + N, REV_H, REV_TOL);
    for (std::size_t i = 0; i < N; i++) {
        check_close("float dA row", dAf[i][(i + 1) % N], dA[i][(i + 1) % N], 1e-4);
        check_close("float dx", dxf[i], dx[i], 1e-4);
    }
    double w = rev_rand();
    double jv = __enzyme_fwddiff((void *)loss<double, N>, &A, &vA, &x, &vx);
    rev_check_dot("generic loss", w * jv, w * rev_dot(v, grad, N * N + N));
    return corpus_exit();
}
