/* Explicit 2-D diffusion with a spatially varying conductivity, parallelised with OpenMP. The grid is
 * n x n with fixed (Dirichlet) boundary values; every time step is a `parallel for` over the interior rows,
 * and the loss, half the squared misfit of the final field to a target, is a `parallel for reduction(+)`.
 * Enzyme.Sdk differentiates diffusion_loss with respect to the conductivity field and the initial field
 * (the EnzymeGradient item in OpenMpDiffusion.csproj); the reverse sweep runs on the same OpenMP threads. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

/* One step: u_next = u + dt * sum over the 4 neighbours of k_face * (u_neighbour - u), with the face
 * conductivity the mean of the two cells'. Boundary cells keep their values. */
static void diffusion_step(const double *kappa, const double *u, double *next, int n, double dt)
{
#pragma omp parallel for schedule(static)
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int c = i * n + j;
            if (i == 0 || j == 0 || i == n - 1 || j == n - 1) {
                next[c] = u[c];
                continue;
            }
            double flux = 0.5 * (kappa[c] + kappa[c - n]) * (u[c - n] - u[c])
                        + 0.5 * (kappa[c] + kappa[c + n]) * (u[c + n] - u[c])
                        + 0.5 * (kappa[c] + kappa[c - 1]) * (u[c - 1] - u[c])
                        + 0.5 * (kappa[c] + kappa[c + 1]) * (u[c + 1] - u[c]);
            next[c] = u[c] + dt * flux;
        }
    }
}

/* 0.5 * sum (u_T - target)^2 after `steps` steps from u0. Every step writes a fresh slice of one history
 * buffer, so nothing the gradient needs is overwritten. */
double diffusion_loss(const double *kappa, const double *u0, const double *target, int n, int steps, double dt)
{
    size_t cells = (size_t)n * (size_t)n;
    double *history = malloc((size_t)(steps + 1) * cells * sizeof(double));
    memcpy(history, u0, cells * sizeof(double));
    for (int t = 0; t < steps; t++) {
        diffusion_step(kappa, history + (size_t)t * cells, history + (size_t)(t + 1) * cells, n, dt);
    }
    const double *final = history + (size_t)steps * cells;
    double loss = 0.0;
#pragma omp parallel for reduction(+ : loss) schedule(static)
    for (int c = 0; c < n * n; c++) {
        double misfit = final[c] - target[c];
        loss += 0.5 * misfit * misfit;
    }
    free(history);
    return loss;
}

/* The thread count of the parallel regions that follow (omp_set_num_threads), for callers without omp.h. */
void diffusion_set_threads(int threads)
{
    omp_set_num_threads(threads);
}

int diffusion_max_threads(void)
{
    return omp_get_max_threads();
}
