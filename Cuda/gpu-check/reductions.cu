// GPU check kernels (double precision), compiled device-only without the CUDA SDK:
//   clang++ -x cuda --cuda-device-only --cuda-gpu-arch=sm_90 -nocudainc -nocudalib \
//     -Xclang -target-feature -Xclang +ptx78 -include Sdk/build/include/enzyme_cuda.h \
//     -O2 -g -emit-llvm -c reductions.cu -o reductions.bc
//   enzyme-ad reductions.bc -o reductions.ptx -O2 --cpu sm_90
// (build.sh beside this file does both.)

// (a) out += sum_i f(x[i]),  f(x) = x^3 + sqrt(x). atomicAdd's old value is unused.
__device__ void sum_f(int n, const double *x, double *out)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(out, x[i] * x[i] * x[i] + sqrt(x[i]));
}

extern "C" __global__ void sum_f_primal(int n, const double *x, double *out) { sum_f(n, x, out); }

// Reverse: dx[i] += dout * f'(x[i]); dout is left as it was.
extern "C" __global__ void sum_f_gradient(int n, const double *x, double *dx, double *out, double *dout)
{
    __enzyme_autodiff((void *)sum_f, enzyme_const, n, enzyme_dup, x, dx, enzyme_dup, out, dout);
}

// Forward: dout += sum_i f'(x[i]) dx[i] (a second atomic reduction).
extern "C" __global__ void sum_f_tangent(int n, const double *x, const double *dx, double *out, double *dout)
{
    __enzyme_fwddiff((void *)sum_f, enzyme_const, n, enzyme_dup, x, dx, enzyme_dup, out, dout);
}

// (c) out += sum_i (w[0] x[i] + w[1] x[i]^2): w is read by every thread of every block, so the
// gradient's dw[0], dw[1] are raced on by all threads (atomic accumulation of a shared shadow).
__device__ void sum_model(int n, const double *w, const double *x, double *out)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(out, w[0] * x[i] + w[1] * x[i] * x[i]);
}

extern "C" __global__ void sum_model_primal(int n, const double *w, const double *x, double *out)
{
    sum_model(n, w, x, out);
}

// Reverse: dw[0] += dout sum x, dw[1] += dout sum x^2, dx[i] += dout (w0 + 2 w1 x[i]).
extern "C" __global__ void sum_model_gradient(int n, const double *w, double *dw, const double *x, double *dx, double *out, double *dout)
{
    __enzyme_autodiff((void *)sum_model, enzyme_const, n, enzyme_dup, w, dw, enzyme_dup, x, dx, enzyme_dup, out, dout);
}
