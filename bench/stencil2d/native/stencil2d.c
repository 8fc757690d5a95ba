/*
 * Explicit 2-D heat equation (5-point Jacobi stencil) on an n x n grid with double buffering:
 * each step reads buffer a and writes the interior of buffer b, then the two are swapped. The
 * boundary keeps the values of the initial field. The loss is 0.5 |u(T)|^2 and the gradient is
 * taken with respect to the initial field u0, by Enzyme reverse mode and by a hand-written
 * adjoint (the transposed stencil applied backwards through the steps).
 *
 * The time_* entry point runs the ADBench timing loop on the caller's buffers, so the gradients
 * the C# side checks are the ones the last timed calls produced.
 */
#include <string.h>
#include "../../common/adbench_timing.h"

extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);

/* Interior of dst from src: u + kappa * (sum of the 4 neighbours - 4 u). */
static void heat_step(const double *restrict src, double *restrict dst, int n, double kappa)
{
    for (int i = 1; i < n - 1; ++i)
        for (int j = 1; j < n - 1; ++j) {
            const double *c = src + i * n + j;
            dst[i * n + j] = c[0] + kappa * (c[-n] + c[n] + c[-1] + c[1] - 4.0 * c[0]);
        }
}

/* Runs the steps; returns the buffer holding u(T) (a or b, by the parity of steps). */
static double *heat_forward(const double *u0, double *a, double *b, int n, int steps, double kappa)
{
    size_t bytes = (size_t)n * n * sizeof(double);
    memcpy(a, u0, bytes);
    memcpy(b, u0, bytes); /* b's boundary is never written by a step: it must hold u0's */
    for (int t = 0; t < steps; ++t) {
        heat_step(a, b, n, kappa);
        double *swap = a;
        a = b;
        b = swap;
    }
    return a;
}

/* 0.5 |u(T)|^2; a and b are scratch of n * n. */
double heat_loss(const double *u0, double *a, double *b, int n, int steps, double kappa)
{
    const double *u = heat_forward(u0, a, b, n, steps, kappa);
    double loss = 0.0;
    for (int k = 0; k < n * n; ++k)
        loss += 0.5 * u[k] * u[k];
    return loss;
}

/*
 * Hand-written gradient: the forward sweep for u(T), then the adjoint of each step in reverse
 * order. One step is u' = S u with S the identity on the boundary and the stencil inside, so the
 * adjoint applies S^T: an interior point's adjoint gathers (1 - 4 kappa) of its own and kappa of
 * each interior neighbour's; a boundary point, copied unchanged, keeps its adjoint and gathers
 * kappa of each interior neighbour's. The interior adjoint lives in p and q (double buffered)
 * with a zero ring, so the stencil needs no bounds checks; the boundary's accumulates in du0.
 */
void heat_adjoint(const double *u0, double *a, double *b, double *p, double *q, double *du0, int n, int steps, double kappa)
{
    const double *u = heat_forward(u0, a, b, n, steps, kappa);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            int k = i * n + j;
            int boundary = i == 0 || j == 0 || i == n - 1 || j == n - 1;
            du0[k] = boundary ? u[k] : 0.0; /* d loss / d u(T) = u(T) */
            p[k] = boundary ? 0.0 : u[k];
            q[k] = 0.0;
        }
    for (int t = steps - 1; t >= 0; --t) {
        for (int j = 1; j < n - 1; ++j) {
            du0[j] += kappa * p[n + j];
            du0[(n - 1) * n + j] += kappa * p[(n - 2) * n + j];
        }
        for (int i = 1; i < n - 1; ++i) {
            du0[i * n] += kappa * p[i * n + 1];
            du0[i * n + n - 1] += kappa * p[i * n + n - 2];
        }
        /* S^T restricted to the interior is the same symmetric stencil. */
        heat_step(p, q, n, kappa);
        double *swap = p;
        p = q;
        q = swap;
    }
    for (int i = 1; i < n - 1; ++i)
        for (int j = 1; j < n - 1; ++j)
            du0[i * n + j] = p[i * n + j];
}

struct heat_state {
    const double *u0;
    double *a, *b, *da, *db, *du0, *loss;
    int n, steps;
    double kappa;
};

static void run_primal(void *v)
{
    struct heat_state *s = v;
    *s->loss = heat_loss(s->u0, s->a, s->b, s->n, s->steps, s->kappa);
}

static void run_reverse(void *v)
{
    struct heat_state *s = v;
    size_t bytes = (size_t)s->n * s->n * sizeof(double);
    /* Enzyme accumulates into every shadow, the scratch buffers' included. */
    memset(s->du0, 0, bytes);
    memset(s->da, 0, bytes);
    memset(s->db, 0, bytes);
    __enzyme_autodiff((void *)heat_loss, enzyme_dup, s->u0, s->du0, enzyme_dup, s->a, s->da, enzyme_dup, s->b, s->db,
                      enzyme_const, s->n, enzyme_const, s->steps, enzyme_const, s->kappa);
}

static void run_hand_written(void *v)
{
    struct heat_state *s = v;
    heat_adjoint(s->u0, s->a, s->b, s->da, s->db, s->du0, s->n, s->steps, s->kappa);
}

/* tool: 0 the loss, 1 Enzyme reverse, 2 the hand-written adjoint. a, b, da, db are scratch of
 * n * n; du0 receives the gradient, loss the loss. Returns seconds per call. */
double heat_time(int tool, const double *u0, double *a, double *b, double *da, double *db, double *du0, double *loss,
                 int n, int steps, double kappa)
{
    struct heat_state s = { u0, a, b, da, db, du0, loss, n, steps, kappa };
    switch (tool) {
    case 0: return adbench_seconds_per_call(run_primal, &s);
    case 1: return adbench_seconds_per_call(run_reverse, &s);
    case 2: return adbench_seconds_per_call(run_hand_written, &s);
    default: return -1.0;
    }
}
