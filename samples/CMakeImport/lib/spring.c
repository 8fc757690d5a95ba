#include "physics.h"

/* The stiffness is a build setting of the library (see CMakeLists.txt), not a constant of the
 * code: a build that loses CMake's definitions must not compile. */
#ifndef SPRING_K
#error "SPRING_K is defined by target_compile_definitions in lib/CMakeLists.txt"
#endif

double spring_energy(const double *x, int n)
{
    double energy = 0.0;
    for (int i = 0; i + 1 < n; ++i) {
        double stretch = x[i + 1] - x[i] - REST_LENGTH;
        energy += 0.5 * SPRING_K * stretch * stretch;
    }
    return energy;
}
