/* A global variable written and read inside the differentiated function (its value is active). */
#include "enzyme_test.h"

double g_state = 0.0;     /* written with an active value, read back */
double g_buffer[4];       /* global array used as scratch */
const double g_coeff[3] = {1.5, -0.5, 2.0}; /* read-only global table */

__attribute__((noinline)) static void store_state(double v) { g_state = v; }
__attribute__((noinline)) static double load_state(void) { return g_state; }

static double f(double x)
{
    store_state(x * x);
    double a = load_state() * 3.0;
    for (int i = 0; i < 4; i++)
        g_buffer[i] = a + g_coeff[i % 3] * x;
    double s = 0.0;
    for (int i = 0; i < 4; i++)
        s += g_buffer[i] * g_buffer[3 - i];
    g_state += s;
    return g_state + sin(g_state * 0.01);
}

int main(void)
{
    const double pts[] = {0.4, -1.1};
    for (int i = 0; i < 2; i++) {
        double x = pts[i];
        double d = __enzyme_fwddiff((void *)f, x, 1.0);
        double fd = central_diff(f, x, CORPUS_H);
        check_close("f", d, fd, 1e-6);
        f(x);
        double expected_state = g_state;
        __enzyme_fwddiff((void *)f, x, 1.0);
        check_close("primal global effect", g_state, expected_state, 0.0);
    }
    return corpus_exit();
}
