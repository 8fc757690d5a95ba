/*
 * Calls the primal, the reverse-mode gradient (an EnzymeGradient item) and the forward-mode
 * directional derivative (a C function calling __enzyme_fwddiff) of libstyblinski.so, and
 * checks the gradient against central finite differences of the primal. Exit code 1 on mismatch.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <styblinski.h>

enum { N = 4 };

int main(void)
{
    const double x[N] = { 0.5, -1.2, 2.0, -2.9 };
    const double v[N] = { 1.0, 0.5, -0.25, 2.0 };
    double gradient[N];
    int failures = 0;

    /* Reverse mode accumulates into the shadow, so it starts at zero. */
    memset(gradient, 0, sizeof gradient);
    double f = styblinski(x, N);
    styblinski_grad(x, gradient, N);
    printf("f=%.17g\n", f);

    /* Central differences: error O(h^2) from truncation plus O(eps/h) from rounding. */
    const double h = 1e-6, tolerance = 1e-6;
    double projected = 0.0;
    for (int i = 0; i < N; ++i) {
        double plus[N], minus[N];
        memcpy(plus, x, sizeof plus);
        memcpy(minus, x, sizeof minus);
        plus[i] += h;
        minus[i] -= h;
        double difference = (styblinski(plus, N) - styblinski(minus, N)) / (2.0 * h);
        int close = fabs(gradient[i] - difference) <= tolerance * fmax(1.0, fabs(difference));
        failures += !close;
        printf("grad%d=%.17g fd%d=%.17g%s\n", i, gradient[i], i, difference, close ? "" : "  MISMATCH");
        projected += gradient[i] * v[i];
    }

    /* Forward and reverse mode must agree: the directional derivative is the gradient times v. */
    double directional = styblinski_directional(x, v, N);
    int agrees = fabs(directional - projected) <= 1e-12 * fmax(1.0, fabs(projected));
    failures += !agrees;
    printf("directional=%.17g gradient.v=%.17g%s\n", directional, projected, agrees ? "" : "  MISMATCH");

    puts(failures == 0 ? "gradient matches finite differences" : "gradient does NOT match finite differences");
    return failures == 0 ? 0 : 1;
}
