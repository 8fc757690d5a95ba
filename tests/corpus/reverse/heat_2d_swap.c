/* 2-D explicit heat equation on a small grid with two heap buffers swapped by pointer every step
 * (the pointers themselves are loop-carried), nonlinear diffusivity. */
#include "enzyme_reverse_test.h"
#include <stdlib.h>
#include <string.h>

#define G 6

static double heat(const double *u0, double alpha, int steps)
{
    double *a = (double *)malloc(sizeof(double) * G * G);
    double *b = (double *)malloc(sizeof(double) * G * G);
    memcpy(a, u0, sizeof(double) * G * G);
    memcpy(b, u0, sizeof(double) * G * G);
    for (int s = 0; s < steps; s++) {
        for (int i = 1; i < G - 1; i++)
            for (int j = 1; j < G - 1; j++) {
                double c = a[i * G + j];
                double lap = a[(i - 1) * G + j] + a[(i + 1) * G + j] + a[i * G + j - 1] + a[i * G + j + 1] - 4.0 * c;
                b[i * G + j] = c + alpha * (1.0 + 0.1 * c * c) * lap;
            }
        double *t = a; a = b; b = t;
    }
    double e = 0.0;
    for (int i = 0; i < G * G; i++) e += a[i] * a[i] * (1 + i % 3);
    free(a);
    free(b);
    return e;
}

static double wu(double *u, void *al) { return heat(u, *(double *)al, 7); }

int main(void)
{
    rev_seed(97);
    double u[G * G], du[G * G] = {0}, vu[G * G], alpha = 0.15;
    rev_rand_fill(u, G * G);
    rev_rand_fill(vu, G * G);
    double dalpha = __enzyme_autodiff((void *)heat, u, du, alpha, 7);
    rev_check_grad("du0", wu, &alpha, u, du, G * G, REV_H, REV_TOL);
    check_close("dalpha", dalpha, (heat(u, alpha + REV_H, 7) - heat(u, alpha - REV_H, 7)) / (2 * REV_H), REV_TOL);
    double w = rev_rand(), va = rev_rand();
    rev_check_dot("heat", w * __enzyme_fwddiff((void *)heat, u, vu, alpha, va, 7), w * (rev_dot(vu, du, G * G) + va * dalpha));
    return corpus_exit();
}
