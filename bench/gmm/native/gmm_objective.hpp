/* The ADBench Gaussian mixture model objective, written once as a template on the scalar type
 * so that Enzyme (T = double, gmm.cpp) and ADOL-C (T = adouble, gmm_adolc.cpp) differentiate
 * the very same code.
 *
 * Parameters, one flat vector theta of K + K·D + K·D(D+1)/2 numbers (the layout of the input
 * files): the weights alpha[K], the means mu[K][D], and per component the D(D+1)/2 numbers
 * icf[K][...] = (q[D], l[D(D-1)/2]): the logarithms of the diagonal of the Cholesky factor Q of
 * the inverse covariance, then its strictly lower triangle column by column.
 *
 *   f = sum_i logsumexp_k( alpha_k + sum_j q_kj - |Q_k (x_i - mu_k)|^2 / 2 )
 *       - n logsumexp_k(alpha_k)
 *       + sum_k ( gamma^2 / 2 (|exp(q_k)|^2 + |l_k|^2) - m sum_j q_kj )     (Wishart prior)
 *       - n D / 2 log(2 pi) - K C(D, m, gamma)                             (constants)
 *
 * with C(D, m, gamma) = N D (log gamma - log(2) / 2) - log Gamma_D(N / 2), N = D + m + 1, and
 * log Gamma_D the multivariate log-gamma function. This is the objective of the ADBench paper
 * (arXiv:1807.10129), the negative log-likelihood up to sign conventions used there. */
#ifndef GMM_OBJECTIVE_HPP
#define GMM_OBJECTIVE_HPP

#include <cmath>

namespace gmm {

inline int icf_size(int d) { return d * (d + 1) / 2; }

inline int parameter_count(int d, int k) { return k + k * d + k * icf_size(d); }

/* log sum_j exp(v_j), shifted by the maximum so that no exp overflows. The shift cancels
 * mathematically, so its own derivative contributes nothing. */
template <typename T>
T log_sum_exp(const T *v, int count)
{
    using std::exp;
    using std::log;
    T largest = v[0];
    for (int j = 1; j < count; ++j) {
        if (v[j] > largest) {
            largest = v[j];
        }
    }
    T sum = 0.0;
    for (int j = 0; j < count; ++j) {
        sum += exp(v[j] - largest);
    }
    return log(sum) + largest;
}

/* The part of the objective that depends on no parameter: the Gaussians' normalisation and
 * the Wishart prior's normalisation, in plain double. */
inline double constant_terms(int d, int k, int n, double gamma, int m)
{
    const double pi = 3.14159265358979323846;
    int dof = d + m + 1;
    double log_multigamma = 0.25 * d * (d - 1) * std::log(pi);
    for (int j = 1; j <= d; ++j) {
        log_multigamma += std::lgamma(0.5 * dof + 0.5 * (1 - j));
    }
    double wishart_normaliser = dof * d * (std::log(gamma) - 0.5 * std::log(2.0)) - log_multigamma;
    return -0.5 * n * d * std::log(2.0 * pi) - k * wishart_normaliser;
}

template <typename T>
T objective(int d, int k, int n, const T *theta, const double *x, double gamma, int m)
{
    using std::exp;
    const int tri = icf_size(d);
    const T *alpha = theta;
    const T *mu = theta + k;
    const T *icf = theta + k + k * d;

    /* Per component: exp(q) (the diagonal of Q) and sum(q) (log det Q), computed once, read
     * n times. */
    T *diag = new T[k * d];
    T *log_det = new T[k];
    for (int c = 0; c < k; ++c) {
        log_det[c] = 0.0;
        for (int j = 0; j < d; ++j) {
            log_det[c] += icf[c * tri + j];
            diag[c * d + j] = exp(icf[c * tri + j]);
        }
    }

    T *centered = new T[d];
    T *transformed = new T[d];
    T *term = new T[k];
    T data_term = 0.0;
    for (int i = 0; i < n; ++i) {
        for (int c = 0; c < k; ++c) {
            for (int j = 0; j < d; ++j) {
                centered[j] = x[i * d + j] - mu[c * d + j];
                transformed[j] = diag[c * d + j] * centered[j];
            }
            /* transformed += L centered, L strictly lower, column by column. */
            const T *lower = icf + c * tri + d;
            for (int col = 0; col < d; ++col) {
                for (int row = col + 1; row < d; ++row) {
                    transformed[row] += *lower++ * centered[col];
                }
            }
            T squared = 0.0;
            for (int j = 0; j < d; ++j) {
                squared += transformed[j] * transformed[j];
            }
            term[c] = alpha[c] + log_det[c] - 0.5 * squared;
        }
        data_term += log_sum_exp(term, k);
    }

    T prior = 0.0;
    for (int c = 0; c < k; ++c) {
        T frobenius = 0.0;
        for (int j = 0; j < d; ++j) {
            frobenius += diag[c * d + j] * diag[c * d + j];
        }
        for (int j = d; j < tri; ++j) {
            frobenius += icf[c * tri + j] * icf[c * tri + j];
        }
        prior += 0.5 * gamma * gamma * frobenius - m * log_det[c];
    }

    T result = data_term - n * log_sum_exp(alpha, k) + prior + constant_terms(d, k, n, gamma, m);

    delete[] term;
    delete[] transformed;
    delete[] centered;
    delete[] log_det;
    delete[] diag;
    return result;
}

} // namespace gmm

#endif
