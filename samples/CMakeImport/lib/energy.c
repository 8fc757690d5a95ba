#include <math.h>

#include "physics.h"

double total_energy(const double *x, int n)
{
    double pinning = 0.0;
    for (int i = 0; i < n; ++i) {
        pinning += PIN_STRENGTH * (1.0 - cos(x[i] - i * REST_LENGTH));
    }
    return spring_energy(x, n) + pinning;
}
