/* __enzyme_inactive_global: a global marked inactive is treated as constant even when written. */
#include "enzyme_test.h"

double g_scale = 2.0;   /* read-only parameter (inactive) */
double g_last = 0.0;    /* diagnostic copy of an active value: marked inactive */
int g_calls = 0;

void *__enzyme_inactive_global[] = {(void *)&g_last};
void *__enzyme_inactive_global_scale[] = {(void *)&g_scale};

static double f(double x)
{
    g_calls++;
    double y = g_scale * x * x;
    g_last = y;          /* active value stored into an inactive global */
    return y + g_last * 0.0 + sin(x);
}

/* reads the inactive global (set by an earlier call): a constant factor */
__attribute__((noinline)) static double h(double x)
{
    return g_last * x + g_scale * x * x;
}

int main(void)
{
    double x = 0.9;
    check_close("f", __enzyme_fwddiff((void *)f, x, 1.0), 2 * g_scale * x + cos(x), 1e-15);
    check_true("g_calls incremented", g_calls == 1);
    check_close("g_last primal", g_last, g_scale * x * x, 1e-15);
    check_close("h treats global as constant", __enzyme_fwddiff((void *)h, x, 1.0), g_last + 2 * g_scale * x, 1e-15);
    return corpus_exit();
}
