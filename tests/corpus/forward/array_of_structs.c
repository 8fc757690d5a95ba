/* Arrays of structs (AoS) with mixed int/double fields; shadow array has the same layout. */
#include "enzyme_test.h"

typedef struct {
    double x, y;
    int tag;
    double mass;
} Particle;

static double potential(const Particle *p, int n)
{
    double e = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double dx = p[i].x - p[j].x, dy = p[i].y - p[j].y;
            double r = sqrt(dx * dx + dy * dy);
            e += (p[i].tag == p[j].tag ? 1.0 : -0.5) * p[i].mass * p[j].mass / r;
        }
    return e;
}

/* moves the particles (writes fields) and returns kinetic-like sum */
static double step(Particle *p, int n, double dt)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) {
        p[i].x += dt * p[i].y;
        p[i].y -= dt * p[i].x;
        s += p[i].mass * (p[i].x * p[i].x + p[i].y * p[i].y);
    }
    return s;
}

static Particle base[4] = {{0.0, 0.0, 1, 1.0}, {1.0, 0.2, 1, 2.0}, {0.3, 1.4, 2, 0.5}, {-1.1, 0.7, 2, 1.5}};
static double w_pot(double t)
{
    Particle q[4];
    for (int i = 0; i < 4; i++) q[i] = base[i];
    q[2].x += t; q[1].mass += 0.5 * t;
    return potential(q, 4);
}
static double w_step(double dt)
{
    Particle q[4];
    for (int i = 0; i < 4; i++) q[i] = base[i];
    return step(q, 4, dt);
}

int main(void)
{
    Particle p[4], dp[4];
    for (int i = 0; i < 4; i++) { p[i] = base[i]; dp[i] = (Particle){0.0, 0.0, 0, 0.0}; }
    dp[2].x = 1.0;
    dp[1].mass = 0.5;
    check_close("potential", __enzyme_fwddiff((void *)potential, p, dp, 4), central_diff(w_pot, 0.0, CORPUS_H), 1e-6);
    for (int i = 0; i < 4; i++) dp[i] = (Particle){0.0, 0.0, 0, 0.0};
    double dt = 0.1;
    check_close("step d/ddt", __enzyme_fwddiff((void *)step, p, dp, 4, dt, 1.0), central_diff(w_step, dt, CORPUS_H), 1e-6);
    /* p[0].x_new = x + dt*y -> d/ddt = y0 = 0 for particle 0, = 0.2 for particle 1 */
    check_close("step shadow x1", dp[1].x, 0.2, 1e-14);
    check_close("step shadow y1", dp[1].y, -(base[1].x + dt * base[1].y) - dt * 0.2, 1e-14);
    return corpus_exit();
}
