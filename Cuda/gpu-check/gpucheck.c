/*
 * gpucheck: runs the derivative kernels that enzyme-ad put into reductions.ptx and elementwise.ptx
 * (see build.sh) on the GPU through the CUDA driver API (libcuda.so.1, loaded with dlopen; no CUDA
 * SDK needed) and compares every result with a closed form computed on the CPU.
 *
 * Usage: gpucheck [PTX_FOLDER]   (default: the folder of this executable)
 * Prints one "PASS name max_rel_err=..." or "FAIL ..." line per check; exit status 0 only when all
 * checks pass, 1 when one fails, 2 when the driver, a PTX file or a launch is unavailable.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int CUresult;
typedef int CUdevice;
typedef void *CUcontext;
typedef void *CUmodule;
typedef void *CUfunction;
typedef unsigned long long CUdeviceptr;

static CUresult (*cuInit)(unsigned);
static CUresult (*cuDriverGetVersion)(int *);
static CUresult (*cuDeviceGet)(CUdevice *, int);
static CUresult (*cuDeviceGetName)(char *, int, CUdevice);
static CUresult (*cuCtxCreate_v2)(CUcontext *, unsigned, CUdevice);
static CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
static CUresult (*cuCtxSetCurrent)(CUcontext);
static CUresult (*cuModuleLoadDataEx)(CUmodule *, const void *, unsigned, int *, void **);
static CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
static CUresult (*cuMemAlloc_v2)(CUdeviceptr *, size_t);
static CUresult (*cuMemFree_v2)(CUdeviceptr);
static CUresult (*cuMemcpyHtoD_v2)(CUdeviceptr, const void *, size_t);
static CUresult (*cuMemcpyDtoH_v2)(void *, CUdeviceptr, size_t);
static CUresult (*cuMemsetD8_v2)(CUdeviceptr, unsigned char, size_t);
static CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, void *,
                                  void **, void **);
static CUresult (*cuCtxSynchronize)(void);
static CUresult (*cuGetErrorString)(CUresult, const char **);

/* CUjit_option values (cuda.h): the JIT's error log, so a rejected PTX says why. */
enum { JIT_ERROR_LOG_BUFFER = 5, JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6 };

static const double Tolerance = 1e-12;
static int s_failures;

static void die(const char *what, CUresult result)
{
    const char *text = "unknown error";
    if (cuGetErrorString != NULL) cuGetErrorString(result, &text);
    fprintf(stderr, "ERROR %s failed: CUresult %d (%s)\n", what, result, text);
    exit(2);
}

#define CHECK(call)                                                                                                    \
    do {                                                                                                               \
        CUresult result_ = (call);                                                                                     \
        if (result_ != 0) die(#call, result_);                                                                         \
    } while (0)

static void *symbol(void *library, const char *name)
{
    void *address = dlsym(library, name);
    if (address == NULL) {
        fprintf(stderr, "ERROR libcuda.so.1 has no %s\n", name);
        exit(2);
    }
    return address;
}

static void load_driver(void)
{
    void *library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "ERROR cannot load libcuda.so.1 (no NVIDIA driver on this machine?): %s\n", dlerror());
        exit(2);
    }
    *(void **)&cuGetErrorString = symbol(library, "cuGetErrorString");
    *(void **)&cuInit = symbol(library, "cuInit");
    *(void **)&cuDriverGetVersion = symbol(library, "cuDriverGetVersion");
    *(void **)&cuDeviceGet = symbol(library, "cuDeviceGet");
    *(void **)&cuDeviceGetName = symbol(library, "cuDeviceGetName");
    /* A driver that dropped cuCtxCreate_v2 still has the primary context (used then instead). */
    *(void **)&cuCtxCreate_v2 = dlsym(library, "cuCtxCreate_v2");
    *(void **)&cuDevicePrimaryCtxRetain = symbol(library, "cuDevicePrimaryCtxRetain");
    *(void **)&cuCtxSetCurrent = symbol(library, "cuCtxSetCurrent");
    *(void **)&cuModuleLoadDataEx = symbol(library, "cuModuleLoadDataEx");
    *(void **)&cuModuleGetFunction = symbol(library, "cuModuleGetFunction");
    *(void **)&cuMemAlloc_v2 = symbol(library, "cuMemAlloc_v2");
    *(void **)&cuMemFree_v2 = symbol(library, "cuMemFree_v2");
    *(void **)&cuMemcpyHtoD_v2 = symbol(library, "cuMemcpyHtoD_v2");
    *(void **)&cuMemcpyDtoH_v2 = symbol(library, "cuMemcpyDtoH_v2");
    *(void **)&cuMemsetD8_v2 = symbol(library, "cuMemsetD8_v2");
    *(void **)&cuLaunchKernel = symbol(library, "cuLaunchKernel");
    *(void **)&cuCtxSynchronize = symbol(library, "cuCtxSynchronize");
}

static char *read_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "ERROR cannot open %s\n", path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "ERROR cannot read %s\n", path);
        exit(2);
    }
    text[size] = '\0';
    fclose(file);
    return text;
}

static CUmodule load_ptx(const char *folder, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    char *ptx = read_text(path);
    static char log[16384];
    log[0] = '\0';
    int options[] = {JIT_ERROR_LOG_BUFFER, JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
    void *values[] = {log, (void *)(uintptr_t)sizeof log};
    CUmodule module;
    CUresult result = cuModuleLoadDataEx(&module, ptx, 2, options, values);
    if (result != 0) {
        fprintf(stderr, "ERROR the JIT rejected %s:\n%s\n", path, log);
        die("cuModuleLoadDataEx", result);
    }
    free(ptx);
    printf("loaded %s\n", path);
    return module;
}

static CUfunction kernel(CUmodule module, const char *name)
{
    CUfunction function;
    CUresult result = cuModuleGetFunction(&function, module, name);
    if (result != 0) {
        fprintf(stderr, "ERROR no kernel %s\n", name);
        die("cuModuleGetFunction", result);
    }
    return function;
}

static const unsigned BlockSize = 256;

static void launch(CUfunction function, int n, void **arguments)
{
    unsigned blocks = ((unsigned)n + BlockSize - 1) / BlockSize;
    CHECK(cuLaunchKernel(function, blocks, 1, 1, BlockSize, 1, 1, 0, NULL, arguments, NULL));
    CHECK(cuCtxSynchronize());
}

static CUdeviceptr upload(const double *values, size_t count)
{
    CUdeviceptr pointer;
    CHECK(cuMemAlloc_v2(&pointer, count * sizeof(double)));
    CHECK(cuMemcpyHtoD_v2(pointer, values, count * sizeof(double)));
    return pointer;
}

static void put(CUdeviceptr pointer, const double *values, size_t count)
{
    CHECK(cuMemcpyHtoD_v2(pointer, values, count * sizeof(double)));
}

static void put_scalar(CUdeviceptr pointer, double value) { put(pointer, &value, 1); }

static void get(double *values, CUdeviceptr pointer, size_t count)
{
    CHECK(cuMemcpyDtoH_v2(values, pointer, count * sizeof(double)));
}

static double get_scalar(CUdeviceptr pointer)
{
    double value;
    get(&value, pointer, 1);
    return value;
}

static double relative_error(double actual, double expected)
{
    double scale = fabs(expected) > 1e-300 ? fabs(expected) : 1.0;
    double error = fabs(actual - expected) / scale;
    return isnan(error) ? INFINITY : error;
}

/* One check: the largest relative error of count values against their closed form. */
static void report(const char *name, const double *actual, const double *expected, size_t count)
{
    double worst = 0.0;
    size_t worst_index = 0;
    for (size_t i = 0; i < count; ++i) {
        double error = relative_error(actual[i], expected[i]);
        if (error > worst || isinf(error)) {
            worst = error;
            worst_index = i;
        }
    }
    int pass = worst <= Tolerance;
    if (!pass) ++s_failures;
    printf("%s %-44s max_rel_err=%.3e over %zu value(s)", pass ? "PASS" : "FAIL", name, worst, count);
    if (!pass || count == 1) printf("  [%zu] got %.17g expected %.17g", worst_index, actual[worst_index], expected[worst_index]);
    printf("\n");
}

static void report_scalar(const char *name, double actual, double expected) { report(name, &actual, &expected, 1); }

/* f(x) = x^3 + sqrt(x) and f'(x) = 3x^2 + 1/(2 sqrt(x)): the summand of sum_f in reductions.cu. */
static double f(double x) { return x * x * x + sqrt(x); }
static double f_prime(double x) { return 3.0 * x * x + 0.5 / sqrt(x); }

int main(int argc, char **argv)
{
    char folder[PATH_MAX];
    if (argc > 1) {
        snprintf(folder, sizeof folder, "%s", argv[1]);
    } else {
        char self[PATH_MAX];
        ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
        if (length <= 0) {
            fprintf(stderr, "ERROR cannot find this executable's folder; pass the PTX folder\n");
            return 2;
        }
        self[length] = '\0';
        snprintf(folder, sizeof folder, "%s", dirname(self));
    }

    load_driver();
    CHECK(cuInit(0));
    int version;
    CHECK(cuDriverGetVersion(&version));
    CUdevice device;
    CHECK(cuDeviceGet(&device, 0));
    char device_name[256];
    CHECK(cuDeviceGetName(device_name, sizeof device_name, device));
    printf("device 0: %s, driver API %d.%d\n", device_name, version / 1000, version % 1000 / 10);
    CUcontext context;
    if (cuCtxCreate_v2 != NULL) {
        CHECK(cuCtxCreate_v2(&context, 0, device));
    } else {
        CHECK(cuDevicePrimaryCtxRetain(&context, device));
        CHECK(cuCtxSetCurrent(context));
    }

    CUmodule reductions = load_ptx(folder, "reductions.ptx");
    CUmodule elementwise = load_ptx(folder, "elementwise.ptx");

    /* Not a multiple of the block size, so the last block's bounds check is exercised; 4097 blocks. */
    int n = (1 << 20) + 37;
    size_t count = (size_t)n;
    printf("n = %d, %u threads per block, %u blocks, tolerance %.0e (relative)\n", n, BlockSize,
           ((unsigned)n + BlockSize - 1) / BlockSize, Tolerance);

    double *x = malloc(count * sizeof(double)), *v = malloc(count * sizeof(double));
    double *dx0 = malloc(count * sizeof(double)), *y0 = malloc(count * sizeof(double));
    double *dy0 = malloc(count * sizeof(double)), *actual = malloc(count * sizeof(double));
    double *expected = malloc(count * sizeof(double));
    /* Positive values only: sums and elementwise results never cancel, so relative errors stay meaningful. */
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < count; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        double unit = (double)(state >> 11) * 0x1.0p-53;
        x[i] = 0.5 + unit;
        v[i] = 0.25 + 0.5 * unit * unit;
        dx0[i] = 0.125 + 0.001 * (double)(i % 7);
        y0[i] = 1.0 + 0.5 * unit;
        dy0[i] = 0.75 + 0.25 * (double)(i % 3);
    }

    CUdeviceptr d_x = upload(x, count), d_v = upload(v, count), d_dx, d_y, d_dy, d_out, d_dout, d_w, d_dw;
    CHECK(cuMemAlloc_v2(&d_dx, count * sizeof(double)));
    CHECK(cuMemAlloc_v2(&d_y, count * sizeof(double)));
    CHECK(cuMemAlloc_v2(&d_dy, count * sizeof(double)));
    CHECK(cuMemAlloc_v2(&d_out, sizeof(double)));
    CHECK(cuMemAlloc_v2(&d_dout, sizeof(double)));
    CHECK(cuMemAlloc_v2(&d_w, 2 * sizeof(double)));
    CHECK(cuMemAlloc_v2(&d_dw, 2 * sizeof(double)));

    /* CPU references: long double sums, so they are far more accurate than the GPU's atomic sums. */
    long double sum_f = 0, sum_fprime_v = 0, sum_x = 0, sum_x2 = 0, sum_x_dy = 0;
    for (size_t i = 0; i < count; ++i) {
        sum_f += f(x[i]);
        sum_fprime_v += (long double)f_prime(x[i]) * v[i];
        sum_x += x[i];
        sum_x2 += (long double)x[i] * x[i];
        sum_x_dy += (long double)x[i] * dy0[i];
    }
    printf("(a sequential sum of n positive doubles in any order is within n*eps/2 = %.1e of exact; "
           "typically about sqrt(n)*eps = %.1e)\n", (double)n * 0x1.0p-53, sqrt((double)n) * 0x1.0p-52);

    const double dout_seed = 1.5;
    const int repetitions = 3; /* the reductions race on one address: repeat to see run-to-run spread */

    /* (a) atomicAdd(out, f(x[i])) and its derivatives. */
    printf("-- reductions.ptx: sum_f (out += sum x^3 + sqrt(x)) --\n");
    {
        CUfunction primal = kernel(reductions, "sum_f_primal");
        CUfunction gradient = kernel(reductions, "sum_f_gradient");
        CUfunction tangent = kernel(reductions, "sum_f_tangent");
        for (int r = 0; r < repetitions; ++r) {
            CHECK(cuMemsetD8_v2(d_out, 0, sizeof(double)));
            void *args[] = {&n, &d_x, &d_out};
            launch(primal, n, args);
            report_scalar("sum_f_primal: out", get_scalar(d_out), (double)sum_f);
        }
        for (int r = 0; r < repetitions; ++r) {
            CHECK(cuMemsetD8_v2(d_out, 0, sizeof(double)));
            put_scalar(d_dout, dout_seed);
            put(d_dx, dx0, count);
            void *args[] = {&n, &d_x, &d_dx, &d_out, &d_dout};
            launch(gradient, n, args);
            get(actual, d_dx, count);
            for (size_t i = 0; i < count; ++i) expected[i] = dx0[i] + dout_seed * f_prime(x[i]);
            report("sum_f_gradient: dx = dx0 + dout f'(x)", actual, expected, count);
            report_scalar("sum_f_gradient: dout unchanged", get_scalar(d_dout), dout_seed);
            report_scalar("sum_f_gradient: out (primal ran too)", get_scalar(d_out), (double)sum_f);
        }
        for (int r = 0; r < repetitions; ++r) {
            CHECK(cuMemsetD8_v2(d_out, 0, sizeof(double)));
            CHECK(cuMemsetD8_v2(d_dout, 0, sizeof(double)));
            void *args[] = {&n, &d_x, &d_v, &d_out, &d_dout};
            launch(tangent, n, args);
            report_scalar("sum_f_tangent: dout = sum f'(x) v", get_scalar(d_dout), (double)sum_fprime_v);
            report_scalar("sum_f_tangent: out", get_scalar(d_out), (double)sum_f);
        }
    }

    /* (c) out += sum w0 x + w1 x^2: shared weights, so dw is one address raced on by every thread. */
    printf("-- reductions.ptx: sum_model (out += sum w0 x + w1 x^2, shadow dw raced on) --\n");
    {
        CUfunction primal = kernel(reductions, "sum_model_primal");
        CUfunction gradient = kernel(reductions, "sum_model_gradient");
        const double w[2] = {0.7, 0.3}, dw0[2] = {0.1, 0.2};
        put(d_w, w, 2);
        long double sum_model = (long double)w[0] * sum_x + (long double)w[1] * sum_x2;
        {
            CHECK(cuMemsetD8_v2(d_out, 0, sizeof(double)));
            void *args[] = {&n, &d_w, &d_x, &d_out};
            launch(primal, n, args);
            report_scalar("sum_model_primal: out", get_scalar(d_out), (double)sum_model);
        }
        for (int r = 0; r < repetitions; ++r) {
            CHECK(cuMemsetD8_v2(d_out, 0, sizeof(double)));
            put_scalar(d_dout, dout_seed);
            put(d_dw, dw0, 2);
            put(d_dx, dx0, count);
            void *args[] = {&n, &d_w, &d_dw, &d_x, &d_dx, &d_out, &d_dout};
            launch(gradient, n, args);
            double dw[2];
            get(dw, d_dw, 2);
            report_scalar("sum_model_gradient: dw0 = 0.1 + dout sum x", dw[0], (double)(dw0[0] + dout_seed * sum_x));
            report_scalar("sum_model_gradient: dw1 = 0.2 + dout sum x^2", dw[1], (double)(dw0[1] + dout_seed * sum_x2));
            get(actual, d_dx, count);
            for (size_t i = 0; i < count; ++i) expected[i] = dx0[i] + dout_seed * (w[0] + 2.0 * w[1] * x[i]);
            report("sum_model_gradient: dx = dx0 + dout(w0+2w1x)", actual, expected, count);
            report_scalar("sum_model_gradient: dout unchanged", get_scalar(d_dout), dout_seed);
            report_scalar("sum_model_gradient: out (primal ran too)", get_scalar(d_out), (double)sum_model);
        }
    }

    /* (b) y[i] = a x[i] + y[i] with a as a one-element device array. */
    printf("-- elementwise.ptx: daxpy (y = a x + y) --\n");
    {
        CUfunction primal = kernel(elementwise, "daxpy");
        CUfunction gradient = kernel(elementwise, "daxpy_gradient");
        CUfunction tangent = kernel(elementwise, "daxpy_tangent");
        const double a = 2.5, da0 = 0.1, a_tangent = 0.75;
        CUdeviceptr d_a = upload(&a, 1), d_da;
        CHECK(cuMemAlloc_v2(&d_da, sizeof(double)));

        put(d_y, y0, count);
        void *primal_args[] = {&n, &d_a, &d_x, &d_y};
        launch(primal, n, primal_args);
        get(actual, d_y, count);
        for (size_t i = 0; i < count; ++i) expected[i] = a * x[i] + y0[i];
        report("daxpy: y = a x + y0", actual, expected, count);

        for (int r = 0; r < repetitions; ++r) {
            put(d_y, y0, count);
            put(d_dy, dy0, count);
            put(d_dx, dx0, count);
            put_scalar(d_da, da0);
            void *args[] = {&n, &d_a, &d_da, &d_x, &d_dx, &d_y, &d_dy};
            launch(gradient, n, args);
            get(actual, d_dx, count);
            for (size_t i = 0; i < count; ++i) expected[i] = dx0[i] + a * dy0[i];
            report("daxpy_gradient: dx = dx0 + a dy", actual, expected, count);
            get(actual, d_dy, count);
            report("daxpy_gradient: dy unchanged", actual, dy0, count);
            report_scalar("daxpy_gradient: da = 0.1 + sum x dy", get_scalar(d_da), (double)(da0 + sum_x_dy));
            get(actual, d_y, count);
            for (size_t i = 0; i < count; ++i) expected[i] = a * x[i] + y0[i];
            report("daxpy_gradient: y (primal ran too)", actual, expected, count);
        }

        put(d_y, y0, count);
        put(d_dy, dy0, count);
        put_scalar(d_da, a_tangent);
        void *tangent_args[] = {&n, &d_a, &d_da, &d_x, &d_v, &d_y, &d_dy};
        launch(tangent, n, tangent_args);
        get(actual, d_dy, count);
        for (size_t i = 0; i < count; ++i) expected[i] = a_tangent * x[i] + a * v[i] + dy0[i];
        report("daxpy_tangent: dy = da x + a dx + dy0", actual, expected, count);
        get(actual, d_y, count);
        for (size_t i = 0; i < count; ++i) expected[i] = a * x[i] + y0[i];
        report("daxpy_tangent: y", actual, expected, count);
        CHECK(cuMemFree_v2(d_a));
        CHECK(cuMemFree_v2(d_da));
    }

    CUdeviceptr buffers[] = {d_x, d_v, d_dx, d_y, d_dy, d_out, d_dout, d_w, d_dw};
    for (size_t i = 0; i < sizeof buffers / sizeof buffers[0]; ++i) CHECK(cuMemFree_v2(buffers[i]));
    free(x), free(v), free(dx0), free(y0), free(dy0), free(actual), free(expected);

    if (s_failures == 0) {
        printf("ALL PASS\n");
        return 0;
    }
    printf("%d CHECK(S) FAILED\n", s_failures);
    return 1;
}
