/* The GMM gradient written by hand, the baseline ADBench calls "manual". Same parameter layout
 * as gmm_objective.hpp: theta = (alpha[K], mu[K][D], icf[K][D(D+1)/2]), icf = (q[D], l[...]).
 *
 * Derivation. For point i and component c let z = x_i - mu_c, t = Q_c z with
 * Q_c = diag(exp(q_c)) + L_c, and beta_ic = alpha_c + sum(q_c) - |t|^2 / 2. The data term is
 * sum_i logsumexp_c(beta_ic), whose derivative with respect to beta_ic is the softmax weight
 * w_ic = exp(beta_ic - logsumexp_c beta_ic). Then
 *   d beta / d alpha_c     = 1
 *   d beta / d q_cj        = 1 - t_j exp(q_cj) z_j         (t_j depends on q_cj through Q_jj z_j)
 *   d beta / d L_c(r, s)   = -t_r z_s                       (r > s)
 *   d beta / d mu_c        = Q_c^T t                        (z depends on mu with a minus sign)
 * -n logsumexp(alpha) adds -n softmax(alpha)_c to alpha_c, and the Wishart prior
 * gamma^2 / 2 (|exp(q_c)|^2 + |l_c|^2) - m sum(q_c) adds gamma^2 exp(2 q_cj) - m to q_cj and
 * gamma^2 l to each l. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

void gmm_gradient_hand(int d, int k, int n, const double *theta, const double *x, double gamma, int m,
                       double *grad)
{
    const int tri = d * (d + 1) / 2;
    const double *alpha = theta;
    const double *mu = theta + k;
    const double *icf = theta + k + k * d;
    double *g_alpha = grad;
    double *g_mu = grad + k;
    double *g_icf = grad + k + k * d;
    memset(grad, 0, sizeof(double) * (size_t)(k + k * d + k * tri));

    double *diag = malloc(sizeof(double) * (size_t)(k * d));
    double *log_det = malloc(sizeof(double) * (size_t)k);
    /* z and t of every component for the current point: the weights need all K betas before
     * any component's contribution can be accumulated. */
    double *centered = malloc(sizeof(double) * (size_t)(k * d));
    double *transformed = malloc(sizeof(double) * (size_t)(k * d));
    double *beta = malloc(sizeof(double) * (size_t)k);

    for (int c = 0; c < k; ++c) {
        log_det[c] = 0.0;
        for (int j = 0; j < d; ++j) {
            log_det[c] += icf[c * tri + j];
            diag[c * d + j] = exp(icf[c * tri + j]);
        }
    }

    for (int i = 0; i < n; ++i) {
        const double *point = x + (size_t)i * d;
        double largest = -INFINITY;
        for (int c = 0; c < k; ++c) {
            double *z = centered + c * d, *t = transformed + c * d;
            for (int j = 0; j < d; ++j) {
                z[j] = point[j] - mu[c * d + j];
                t[j] = diag[c * d + j] * z[j];
            }
            const double *lower = icf + c * tri + d;
            for (int col = 0; col < d; ++col) {
                for (int row = col + 1; row < d; ++row) {
                    t[row] += *lower++ * z[col];
                }
            }
            double squared = 0.0;
            for (int j = 0; j < d; ++j) {
                squared += t[j] * t[j];
            }
            beta[c] = alpha[c] + log_det[c] - 0.5 * squared;
            if (beta[c] > largest) {
                largest = beta[c];
            }
        }
        double sum = 0.0;
        for (int c = 0; c < k; ++c) {
            beta[c] = exp(beta[c] - largest);
            sum += beta[c];
        }
        for (int c = 0; c < k; ++c) {
            double w = beta[c] / sum;
            const double *z = centered + c * d, *t = transformed + c * d;
            const double *lower = icf + c * tri + d;
            double *g_q = g_icf + c * tri, *g_lower = g_icf + c * tri + d, *g_m = g_mu + c * d;
            g_alpha[c] += w;
            for (int j = 0; j < d; ++j) {
                g_q[j] += w * (1.0 - t[j] * diag[c * d + j] * z[j]);
                g_m[j] += w * diag[c * d + j] * t[j];
            }
            for (int col = 0; col < d; ++col) {
                for (int row = col + 1; row < d; ++row) {
                    g_m[col] += w * *lower++ * t[row];
                    *g_lower++ -= w * t[row] * z[col];
                }
            }
        }
    }

    double largest = alpha[0];
    for (int c = 1; c < k; ++c) {
        if (alpha[c] > largest) {
            largest = alpha[c];
        }
    }
    double sum = 0.0;
    for (int c = 0; c < k; ++c) {
        sum += exp(alpha[c] - largest);
    }
    for (int c = 0; c < k; ++c) {
        g_alpha[c] -= n * exp(alpha[c] - largest) / sum;
        for (int j = 0; j < d; ++j) {
            g_icf[c * tri + j] += gamma * gamma * diag[c * d + j] * diag[c * d + j] - m;
        }
        for (int j = d; j < tri; ++j) {
            g_icf[c * tri + j] += gamma * gamma * icf[c * tri + j];
        }
    }

    free(beta);
    free(transformed);
    free(centered);
    free(log_det);
    free(diag);
}
