/* 1-D explicit heat equation whose stencil overwrites its buffer in place (Gauss-Seidel-like sweep). */
#include <string.h>
#include "enzyme_test.h"

#define N 32

static void heat_in_place(double *u, int n, double alpha, int steps)
{
    for (int s = 0; s < steps; s++) {
        double left = u[0];
        for (int i = 1; i < n - 1; i++) {
            double here = u[i];
            u[i] = here + alpha * (left - 2.0 * here + u[i + 1]); /* left is the old value */
            left = here;
        }
    }
}

static double observable(double *u, int n, double alpha, int steps)
{
    heat_in_place(u, n, alpha, steps);
    double s = 0.0;
    for (int i = 0; i < n; i++) s += u[i] * u[i] * (i % 3 + 1);
    return s;
}

static void init(double *u)
{
    for (int i = 0; i < N; i++) u[i] = sin(0.3 * i) + (i == N / 2 ? 1.0 : 0.0);
}

static double w_alpha(double a) { double u[N]; init(u); return observable(u, N, a, 50); }
static double w_u(double *v, void *c) { double u[N]; (void)c; memcpy(u, v, sizeof u); return observable(u, N, 0.2, 50); }

int main(void)
{
    double u[N], du[N];
    init(u);
    memset(du, 0, sizeof du);
    check_close("d/dalpha", __enzyme_fwddiff((void *)observable, u, du, N, 0.2, 1.0, 50), central_diff(w_alpha, 0.2, CORPUS_H), 1e-6);
    double base[N], dir[N];
    init(u);
    init(base);
    for (int i = 0; i < N; i++) du[i] = dir[i] = cos(0.7 * i);
    check_close("d/du0 dir", __enzyme_fwddiff((void *)observable, u, du, N, 0.2, 0.0, 50), central_diff_dir(w_u, 0, base, dir, N, CORPUS_H), 1e-6);
    /* the shadow buffer now holds the tangent of the final state: check one entry against finite differences */
    double up[N], um[N];
    for (int i = 0; i < N; i++) { up[i] = base[i] + 1e-6 * dir[i]; um[i] = base[i] - 1e-6 * dir[i]; }
    heat_in_place(up, N, 0.2, 50);
    heat_in_place(um, N, 0.2, 50);
    check_close("final state tangent [N/2]", du[N / 2], (up[N / 2] - um[N / 2]) / 2e-6, 1e-6);
    return corpus_exit();
}
