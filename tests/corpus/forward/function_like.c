/* __enzyme_function_like: a user function is differentiated with a known math function's rule. */
#include "enzyme_test.h"

/* opaque (inline asm barrier) wrappers: only the declared rule can give their derivative */
__attribute__((noinline)) double myexp(double x)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    return exp(y);
}
__attribute__((noinline)) double mylog(double x)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    return log(y);
}
__attribute__((noinline)) double mysin(double x)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    return sin(y);
}

void *__enzyme_function_like[2] = {(void *)myexp, (void *)"exp"};
void *__enzyme_function_like_log[2] = {(void *)mylog, (void *)"log"};
void *__enzyme_function_like_sin[2] = {(void *)mysin, (void *)"sin"};

static double f(double x) { return myexp(x * 2.0) + mylog(x) * mysin(x); }

int main(void)
{
    const double pts[] = {0.3, 1.7};
    for (int i = 0; i < 2; i++) {
        double x = pts[i];
        check_close("myexp", __enzyme_fwddiff((void *)myexp, x, 1.0), exp(x), 1e-15);
        check_close("mylog", __enzyme_fwddiff((void *)mylog, x, 1.0), 1 / x, 1e-15);
        check_close("f", __enzyme_fwddiff((void *)f, x, 1.0), 2 * exp(2 * x) + sin(x) / x + log(x) * cos(x), 1e-14);
        check_close("f fd", __enzyme_fwddiff((void *)f, x, 1.0), central_diff(f, x, CORPUS_H), 1e-6);
    }
    return corpus_exit();
}
