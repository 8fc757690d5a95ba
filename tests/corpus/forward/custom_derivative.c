/* __enzyme_register_derivative_NAME: custom forward rules (tangent only, {primal, tangent}, void). */
#include "enzyme_test.h"

/* Primal code the engine could not differentiate (an opaque inline-asm barrier): the rule must be used. */
__attribute__((noinline)) double opaque_square(double x)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    return y * y;
}
double opaque_square_fwd(double x, double dx) { return 2.0 * x * dx; }
void *__enzyme_register_derivative_opaque_square[2] = {(void *)opaque_square, (void *)opaque_square_fwd};

/* A rule returning {primal, tangent}, with an int parameter (no shadow). */
typedef struct { double primal, tangent; } DualD;
__attribute__((noinline)) double opaque_scaled_exp(double x, int k)
{
    double y = x;
    __asm__ volatile("" : "+x"(y));
    return exp(y) * k;
}
DualD opaque_scaled_exp_fwd(double x, double dx, int k)
{
    DualD r = {exp(x) * k, exp(x) * k * dx};
    return r;
}
void *__enzyme_register_derivative_opaque_scaled_exp[2] = {(void *)opaque_scaled_exp, (void *)opaque_scaled_exp_fwd};

/* A void function with pointer arguments: the rule performs the primal effect and writes the shadow. */
__attribute__((noinline)) void opaque_cube_into(const double *in, double *out)
{
    double y = *in;
    __asm__ volatile("" : "+x"(y));
    *out = y * y * y;
}
void opaque_cube_into_fwd(const double *in, const double *din, double *out, double *dout)
{
    *out = *in * *in * *in;
    *dout = 3.0 * *in * *in * *din;
}
void *__enzyme_register_derivative_opaque_cube_into[2] = {(void *)opaque_cube_into, (void *)opaque_cube_into_fwd};

/* a rule whose result intentionally differs from the true derivative, to prove it is what gets called */
__attribute__((noinline)) double marked(double x) { return x * x; }
double marked_fwd(double x, double dx) { (void)x; return 1000.0 * dx; }
void *__enzyme_register_derivative_marked[2] = {(void *)marked, (void *)marked_fwd};

static double use_all(double x)
{
    double c;
    opaque_cube_into(&x, &c);
    return opaque_square(x) * 3.0 + opaque_scaled_exp(x, 2) + c + sin(opaque_square(x));
}

int main(void)
{
    double x = 0.6;
    check_close("opaque_square direct", __enzyme_fwddiff((void *)opaque_square, x, 1.0), 2 * x, 1e-15);
    check_close("use_all", __enzyme_fwddiff((void *)use_all, x, 1.0),
                6 * x + 2 * exp(x) + 3 * x * x + cos(x * x) * 2 * x, 1e-14);
    check_close("use_all fd", __enzyme_fwddiff((void *)use_all, x, 1.0), central_diff(use_all, x, CORPUS_H), 1e-6);
    double in = 1.5, din = 1.0, out = 0, dout = 0;
    __enzyme_fwddiff_v((void *)opaque_cube_into, &in, &din, &out, &dout);
    check_close("cube primal", out, 3.375, 1e-15);
    check_close("cube shadow", dout, 3 * 2.25, 1e-15);
    check_close("marked rule used", __enzyme_fwddiff((void *)marked, 2.0, 1.0), 1000.0, 0.0);
    return corpus_exit();
}
