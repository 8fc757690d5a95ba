// Kernels for the Enzyme.Cuda tests. Compiled device-side only, without the CUDA SDK headers:
//   clang++ -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-gpu-arch=sm_80 \
//     -Xclang -target-feature -Xclang +ptx80 -O2 -S -o saxpy_sm80.ptx saxpy.cu
// saxpy_sm80.ptx beside it is that output, for machines that have a GPU but no clang.
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))

__device__ static inline unsigned global_thread_index()
{
    return __nvvm_read_ptx_sreg_ctaid_x() * __nvvm_read_ptx_sreg_ntid_x() + __nvvm_read_ptx_sreg_tid_x();
}

// y <- a*x + y
extern "C" __global__ void saxpy(const float* x, float* y, float a, int n)
{
    unsigned i = global_thread_index();
    if (i < (unsigned)n)
        y[i] = a * x[i] + y[i];
}

struct Affine
{
    double scale;
    double shift;
};

// A struct passed by value becomes a .b8 array parameter in PTX.
extern "C" __global__ void affine_f64(double* out, const double* x, Affine f, unsigned n)
{
    unsigned i = global_thread_index();
    if (i < n)
        out[i] = f.scale * x[i] + f.shift;
}
