/* __enzyme_inactivefn: calls to listed functions are treated as inactive (constant results, no derivative). */
#include "enzyme_test.h"

static int n_logged = 0;
__attribute__((noinline)) void log_value(const char *tag, double v)
{
    n_logged++;
    if (v != v) printf("%s: nan\n", tag);
}
/* returns an active-looking value that must be treated as a constant */
__attribute__((noinline)) double noise(double x) { return sin(x) * 0.25; }

void *__enzyme_inactivefn[] = {(void *)log_value};
void *__enzyme_inactivefn_noise[] = {(void *)noise};

/* a function the engine cannot differentiate (inline asm) but that is inactive */
__attribute__((noinline)) double cycle_hint(double x)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    return y;
}
void *__enzyme_inactivefn_hint[] = {(void *)cycle_hint};

static double f(double x)
{
    double y = x * x;
    log_value("y", y);
    double z = y + noise(x);          /* d/dx ignores noise */
    double w = cycle_hint(z) * 0.0;   /* inactive, zero contribution */
    log_value("z", z);
    return z * x + w;
}

int main(void)
{
    double x = 0.8;
    double d = __enzyme_fwddiff((void *)f, x, 1.0);
    /* f = (x^2 + noise) x with noise constant: f' = 3x^2 + noise(x) */
    check_close("f", d, 3 * x * x + noise(x), 1e-15);
    check_true("log_value still ran", n_logged == 2);
    return corpus_exit();
}
