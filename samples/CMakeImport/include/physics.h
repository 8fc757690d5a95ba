/* A chain of masses on a line: neighbours joined by springs, each mass held near its rest
 * site by a periodic pinning potential. Positions x[0..n-1]. */
#ifndef PHYSICS_H
#define PHYSICS_H

/* Rest length of every spring, and spacing of the pinning sites. */
#define REST_LENGTH 1.0

/* Depth of the pinning potential PIN_STRENGTH * (1 - cos(x_i - i * REST_LENGTH)). */
#define PIN_STRENGTH 0.5

/* Elastic energy of the springs, sum over i of SPRING_K / 2 * (x[i+1] - x[i] - REST_LENGTH)^2. */
double spring_energy(const double *x, int n);

/* Springs plus pinning: the energy the C# program differentiates. */
double total_energy(const double *x, int n);

#endif
