/* Discrete adjoint of a classical RK4 integration of a 3-species reaction system
 *     A -> B (k1),  B + B -> C (k2),  B + C -> A + C (k3)
 * for a runtime number of steps (read from a volatile, so no loop has a constant trip count). The state
 * history is a malloc'd array of per-step malloc'd states, the four RK stages are heap scratch allocated and
 * freed inside every step, and the whole history is freed at the end after a least-squares misfit against
 * synthetic observations is read back from it. Gradient w.r.t. the rate constants and the initial state
 * against central differences (also at twice the steps, so the caches have another size); a stack-state
 * variant's gradient of A + B + C, which is exactly (1, 1, 1) in y0 and 0 in k1, k3 when k2 = 0 (the other two
 * reactions conserve it); and the dot-product test against forward mode. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>

static volatile int runtime_steps = 40;

static void rates(const double *k, const double *y, double *dy)
{
    double r1 = k[0] * y[0], r2 = k[1] * y[1] * y[1], r3 = k[2] * y[1] * y[2];
    dy[0] = -r1 + r3;
    dy[1] = r1 - 2.0 * r2 - r3;
    dy[2] = r2;
}

static double misfit(const double *k, const double *y0, int steps, double dt)
{
    double **history = malloc(sizeof(double *) * (size_t)(steps + 1));
    history[0] = malloc(sizeof(double) * 3);
    for (int i = 0; i < 3; i++) history[0][i] = y0[i];
    for (int s = 0; s < steps; s++) {
        const double *y = history[s];
        double *k1 = malloc(sizeof(double) * 3), *k2 = malloc(sizeof(double) * 3);
        double *k3 = malloc(sizeof(double) * 3), *k4 = malloc(sizeof(double) * 3);
        double tmp[3];
        rates(k, y, k1);
        for (int i = 0; i < 3; i++) tmp[i] = y[i] + 0.5 * dt * k1[i];
        rates(k, tmp, k2);
        for (int i = 0; i < 3; i++) tmp[i] = y[i] + 0.5 * dt * k2[i];
        rates(k, tmp, k3);
        for (int i = 0; i < 3; i++) tmp[i] = y[i] + dt * k3[i];
        rates(k, tmp, k4);
        double *next = malloc(sizeof(double) * 3);
        for (int i = 0; i < 3; i++) next[i] = y[i] + dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
        history[s + 1] = next;
        free(k1);
        free(k2);
        free(k3);
        free(k4);
    }
    /* Synthetic observations of B every 4th step, plus the final yield of C. */
    double j = 0.0;
    for (int s = 0; s <= steps; s += 4) {
        double t = s * dt, observed = 0.3 * t * exp(-0.5 * t);
        double r = history[s][1] - observed;
        j += 0.5 * r * r;
    }
    j -= 0.1 * history[steps][2];
    for (int s = 0; s <= steps; s++) free(history[s]);
    free(history);
    return j;
}

/* A + B + C after integration (no loop reads it back from the heap). */
static double total_after(const double *k, const double *y0, int steps, double dt)
{
    double y[3] = {y0[0], y0[1], y0[2]};
    for (int s = 0; s < steps; s++) {
        double k1[3], k2[3], k3[3], k4[3], tmp[3];
        rates(k, y, k1);
        for (int i = 0; i < 3; i++) tmp[i] = y[i] + 0.5 * dt * k1[i];
        rates(k, tmp, k2);
        for (int i = 0; i < 3; i++) tmp[i] = y[i] + 0.5 * dt * k2[i];
        rates(k, tmp, k3);
        for (int i = 0; i < 3; i++) tmp[i] = y[i] + dt * k3[i];
        rates(k, tmp, k4);
        for (int i = 0; i < 3; i++) y[i] += dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
    return y[0] + y[1] + y[2];
}

typedef struct { const double *other; int steps; double dt; } Ctx;
static double at_k(double *k, void *c) { Ctx *x = c; return misfit(k, x->other, x->steps, x->dt); }
static double at_y0(double *y0, void *c) { Ctx *x = c; return misfit(x->other, y0, x->steps, x->dt); }
static double tot_k(double *k, void *c) { Ctx *x = c; return total_after(k, x->other, x->steps, x->dt); }
static double tot_y0(double *y0, void *c) { Ctx *x = c; return total_after(x->other, y0, x->steps, x->dt); }

int main(void)
{
    rev_seed(606);
    int steps = runtime_steps;
    double dt = 0.05;
    double k[3] = {0.8, 1.5, 0.6}, y0[3] = {1.0, 0.05, 0.0};
    double dk[3] = {0}, dy0[3] = {0};
    __enzyme_autodiff_v((void *)misfit, enzyme_dup, k, dk, enzyme_dup, y0, dy0, enzyme_const, steps, enzyme_const, dt);
    Ctx ck = {y0, steps, dt}, cy = {k, steps, dt};
    rev_check_grad("d misfit / dk", at_k, &ck, k, dk, 3, REV_H, REV_TOL);
    rev_check_grad("d misfit / dy0", at_y0, &cy, y0, dy0, 3, REV_H, REV_TOL);

    /* A second gradient with twice the steps (so caches of a different size) is also right. */
    double dk2[3] = {0}, dy02[3] = {0};
    __enzyme_autodiff_v((void *)misfit, enzyme_dup, k, dk2, enzyme_dup, y0, dy02, enzyme_const, 2 * steps, enzyme_const, dt / 2);
    Ctx ck2 = {y0, 2 * steps, dt / 2}, cy2 = {k, 2 * steps, dt / 2};
    rev_check_grad("half step dk", at_k, &ck2, k, dk2, 3, REV_H, REV_TOL);
    rev_check_grad("half step dy0", at_y0, &cy2, y0, dy02, 3, REV_H, REV_TOL);

    /* The stack-state integrator (total A + B + C at the end) against central differences, and with k2 = 0,
     * where A -> B and B + C -> A + C conserve A + B + C exactly: gradient (1, 1, 1) in y0 and 0 in k1, k3. */
    double tk[3] = {0}, ty[3] = {0};
    __enzyme_autodiff_v((void *)total_after, enzyme_dup, k, tk, enzyme_dup, y0, ty, enzyme_const, steps, enzyme_const, dt);
    rev_check_grad("d total / dk", tot_k, &ck, k, tk, 3, REV_H, REV_TOL);
    rev_check_grad("d total / dy0", tot_y0, &cy, y0, ty, 3, REV_H, REV_TOL);
    double k_cons[3] = {k[0], 0.0, k[2]}, ck0[3] = {0}, cy0[3] = {0};
    __enzyme_autodiff_v((void *)total_after, enzyme_dup, k_cons, ck0, enzyme_dup, y0, cy0, enzyme_const, steps, enzyme_const, dt);
    for (int i = 0; i < 3; i++) {
        check_close("conserving: d total / dy0 = 1", cy0[i], 1.0, 1e-12);
        if (i != 1) check_close("conserving: d total / dk1, dk3 = 0", ck0[i], 0.0, 1e-12);
    }

    double vk[3], vy[3], w = rev_rand();
    rev_rand_fill(vk, 3);
    rev_rand_fill(vy, 3);
    double jv = __enzyme_fwddiff((void *)misfit, enzyme_dup, k, vk, enzyme_dup, y0, vy, enzyme_const, steps, enzyme_const, dt);
    rev_check_dot("misfit", w * jv, w * (rev_dot(vk, dk, 3) + rev_dot(vy, dy0, 3)));
    return corpus_exit();
}
