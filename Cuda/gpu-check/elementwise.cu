// GPU check kernels (double precision), elementwise: y[i] = a[0] * x[i] + y[i] (a is a one-element
// device array so that its adjoint is a reduction over all threads). Built by build.sh.

__device__ void saxpy_element(int n, const double *a, const double *x, double *y)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a[0] * x[i] + y[i];
}

extern "C" __global__ void daxpy(int n, const double *a, const double *x, double *y) { saxpy_element(n, a, x, y); }

// Reverse: dx[i] += a dy[i], da += sum_i x[i] dy[i] (atomic), dy unchanged (y_new = y_old + ...).
extern "C" __global__ void daxpy_gradient(int n, const double *a, double *da, const double *x, double *dx, double *y, double *dy)
{
    __enzyme_autodiff((void *)saxpy_element, enzyme_const, n, enzyme_dup, a, da, enzyme_dup, x, dx, enzyme_dup, y, dy);
}

// Forward: dy[i] = da x[i] + a dx[i] + dy[i].
extern "C" __global__ void daxpy_tangent(int n, const double *a, const double *da, const double *x, const double *dx, double *y, double *dy)
{
    __enzyme_fwddiff((void *)saxpy_element, enzyme_const, n, enzyme_dup, a, da, enzyme_dup, x, dx, enzyme_dup, y, dy);
}
