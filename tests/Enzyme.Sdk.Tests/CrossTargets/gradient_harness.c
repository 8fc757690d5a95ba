/*
 * Loads the library built for one RID (dlopen, or LoadLibrary under Windows), calls its primal,
 * reverse and forward entry points and prints what the test checks:
 *   energy=          the primal at a fixed x
 *   gradient[i]=     energy_grad (reverse)
 *   fd_error=        max |gradient - central finite difference|
 *   tangent_error=   |energy_tangent(x, v) - gradient . v|  (forward against reverse)
 *   cxx_gradient_error= max |power_sum_grad - 3 x^2|
 *   cxx_probe=       cxx_runtime_probe(7): 7 when the C++ runtime works
 * Usage: harness LIBRARY
 */
#include <math.h>
#include <stdio.h>
#ifdef _WIN32
#include <windows.h>
#define OPEN(path) ((void *)LoadLibraryA(path))
#define FIND(lib, name) ((void *)GetProcAddress((HMODULE)(lib), name))
#else
#include <dlfcn.h>
#define OPEN(path) dlopen(path, RTLD_NOW)
#define FIND(lib, name) dlsym(lib, name)
#endif

#define N 6

typedef double (*energy_fn)(const double *, int);
typedef void (*gradient_fn)(const double *, double *, int);
typedef double (*tangent_fn)(const double *, const double *, int);
typedef int (*probe_fn)(int);

static void *find(void *library, const char *name)
{
    void *symbol = FIND(library, name);
    if (!symbol) {
        printf("missing=%s\n", name);
    }
    return symbol;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: harness LIBRARY\n");
        return 2;
    }
    void *library = OPEN(argv[1]);
    if (!library) {
        printf("load_failed=%s\n", argv[1]);
        return 3;
    }
    energy_fn energy = (energy_fn)find(library, "energy");
    gradient_fn energy_grad = (gradient_fn)find(library, "energy_grad");
    tangent_fn energy_tangent = (tangent_fn)find(library, "energy_tangent");
    energy_fn power_sum = (energy_fn)find(library, "power_sum");
    gradient_fn power_sum_grad = (gradient_fn)find(library, "power_sum_grad");
    probe_fn probe = (probe_fn)find(library, "cxx_runtime_probe");
    if (!energy || !energy_grad || !energy_tangent || !power_sum || !power_sum_grad || !probe) {
        return 4;
    }

    double x[N], v[N], gradient[N] = {0}, cubes[N] = {0};
    for (int i = 0; i < N; i++) {
        x[i] = 1.3 * sin(0.7 * i + 0.3);
        v[i] = cos(1.1 * i);
    }
    printf("energy=%.17g\n", energy(x, N));
    energy_grad(x, gradient, N);

    double fd_error = 0.0, dot = 0.0;
    for (int i = 0; i < N; i++) {
        const double h = 1e-6;
        double saved = x[i];
        x[i] = saved + h;
        double up = energy(x, N);
        x[i] = saved - h;
        double down = energy(x, N);
        x[i] = saved;
        fd_error = fmax(fd_error, fabs(gradient[i] - (up - down) / (2 * h)));
        dot += gradient[i] * v[i];
        printf("gradient[%d]=%.17g\n", i, gradient[i]);
    }
    printf("fd_error=%.17g\n", fd_error);
    printf("tangent_error=%.17g\n", fabs(energy_tangent(x, v, N) - dot));

    power_sum_grad(x, cubes, N);
    double cxx_error = 0.0;
    for (int i = 0; i < N; i++) {
        cxx_error = fmax(cxx_error, fabs(cubes[i] - 3 * x[i] * x[i]));
    }
    printf("cxx_gradient_error=%.17g\n", cxx_error);
    printf("cxx_probe=%d\n", probe(7));
    return 0;
}
