/*
 * enzyme_cuda.h: the few CUDA device-side names Enzyme.Sdk's kernels need when the CUDA SDK's
 * headers are not installed (clang compiles .cu files with -nocudainc -nocudalib then). Force-
 * included into every .cu EnzymeSource compiled that way; with the CUDA SDK present its own
 * headers are used instead. Covers: __global__/__device__/__shared__/__host__/__constant__,
 * threadIdx/blockIdx/blockDim/gridDim, __syncthreads, atomicAdd on float/double/int, and the
 * Enzyme C API declarations callable from device code.
 */
#ifndef ENZYME_CUDA_H
#define ENZYME_CUDA_H

#ifndef __CUDA__
#error "enzyme_cuda.h is for CUDA sources compiled by clang (-x cuda)"
#endif

#if !defined(__CUDA_ARCH__) || defined(__CUDA_RUNTIME_H__)
/* Host side, or the CUDA SDK's own headers are in use. */
#else

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __forceinline__ __inline__ __attribute__((always_inline))

typedef unsigned int enzyme_cuda_uint;

#define ENZYME_CUDA_SREG(name, builtin)                                                                        \
    struct enzyme_cuda_##name##_t                                                                              \
    {                                                                                                          \
        __declspec(property(get = get_x)) enzyme_cuda_uint x;                                                  \
        __declspec(property(get = get_y)) enzyme_cuda_uint y;                                                  \
        __declspec(property(get = get_z)) enzyme_cuda_uint z;                                                  \
        static __device__ __forceinline__ enzyme_cuda_uint get_x() { return __nvvm_read_ptx_sreg_##builtin##_x(); } \
        static __device__ __forceinline__ enzyme_cuda_uint get_y() { return __nvvm_read_ptx_sreg_##builtin##_y(); } \
        static __device__ __forceinline__ enzyme_cuda_uint get_z() { return __nvvm_read_ptx_sreg_##builtin##_z(); } \
    };                                                                                                         \
    extern const __device__ __attribute__((weak)) enzyme_cuda_##name##_t name;

ENZYME_CUDA_SREG(threadIdx, tid)
ENZYME_CUDA_SREG(blockIdx, ctaid)
ENZYME_CUDA_SREG(blockDim, ntid)
ENZYME_CUDA_SREG(gridDim, nctaid)
#undef ENZYME_CUDA_SREG

/* __syncthreads is a clang builtin for CUDA device code already. */

/*
 * Device math. Without the CUDA SDK there is no libdevice, so the float transcendental functions
 * are the GPU's hardware approximations (what nvcc's -use_fast_math gives; about 2^-21 relative
 * error in their primary range): __sinf/__cosf/__expf/__logf/__exp2f/__log2f, and sinf/cosf/expf/
 * logf/exp2f/log2f as the same. Square roots, fabs, fmin/fmax and fma are exact, in float and double.
 * Enzyme.Sdk differentiates each of these.
 */
static __device__ __forceinline__ float __sinf(float x) { return __nvvm_sin_approx_f(x); }
static __device__ __forceinline__ float __cosf(float x) { return __nvvm_cos_approx_f(x); }
static __device__ __forceinline__ float __exp2f(float x) { return __nvvm_ex2_approx_f(x); }
static __device__ __forceinline__ float __log2f(float x) { return __nvvm_lg2_approx_f(x); }
static __device__ __forceinline__ float __expf(float x) { return __nvvm_ex2_approx_f(x * 1.4426950408889634f); }
static __device__ __forceinline__ float __logf(float x) { return __nvvm_lg2_approx_f(x) * 0.6931471805599453f; }
static __device__ __forceinline__ float sinf(float x) { return __sinf(x); }
static __device__ __forceinline__ float cosf(float x) { return __cosf(x); }
static __device__ __forceinline__ float expf(float x) { return __expf(x); }
static __device__ __forceinline__ float logf(float x) { return __logf(x); }
static __device__ __forceinline__ float exp2f(float x) { return __exp2f(x); }
static __device__ __forceinline__ float log2f(float x) { return __log2f(x); }
static __device__ __forceinline__ float sqrtf(float x) { return __builtin_sqrtf(x); }
static __device__ __forceinline__ double sqrt(double x) { return __builtin_sqrt(x); }
static __device__ __forceinline__ float fabsf(float x) { return __builtin_fabsf(x); }
static __device__ __forceinline__ double fabs(double x) { return __builtin_fabs(x); }
static __device__ __forceinline__ float fminf(float a, float b) { return __builtin_fminf(a, b); }
static __device__ __forceinline__ float fmaxf(float a, float b) { return __builtin_fmaxf(a, b); }
static __device__ __forceinline__ double fmin(double a, double b) { return __builtin_fmin(a, b); }
static __device__ __forceinline__ double fmax(double a, double b) { return __builtin_fmax(a, b); }
static __device__ __forceinline__ float fmaf(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
static __device__ __forceinline__ double fma(double a, double b, double c) { return __builtin_fma(a, b, c); }

static __device__ __forceinline__ float atomicAdd(float *address, float value)
{
    return __atomic_fetch_add(address, value, __ATOMIC_RELAXED);
}

static __device__ __forceinline__ double atomicAdd(double *address, double value)
{
    return __atomic_fetch_add(address, value, __ATOMIC_RELAXED);
}

static __device__ __forceinline__ int atomicAdd(int *address, int value)
{
    return __atomic_fetch_add(address, value, __ATOMIC_RELAXED);
}

extern "C" {
extern __device__ int enzyme_dup, enzyme_const, enzyme_out, enzyme_dupnoneed;
__device__ void __enzyme_autodiff(void *, ...);
__device__ void __enzyme_fwddiff(void *, ...);
}

#endif
#endif
