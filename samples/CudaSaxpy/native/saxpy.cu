// Kernels and their derivatives. Every thread handles one element i:
//   saxpy:  y[i] = a * x[i] + y[i]
//   model:  y[i] = w[0] x[i] + w[1] x[i]^2 + w[2] sin(x[i])
// The weights w are shared by all threads, so their adjoints dw receive contributions from every
// thread at once: the engine accumulates them with atomic adds.

__device__ void saxpy_element(int n, float a, const float *x, float *y)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}

__device__ void model_element(int n, const float *w, const float *x, float *y)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = w[0] * x[i] + w[1] * x[i] * x[i] + w[2] * sinf(x[i]);
}

extern "C" __global__ void saxpy(int n, float a, const float *x, float *y) { saxpy_element(n, a, x, y); }

extern "C" __global__ void model(int n, const float *w, const float *x, float *y) { model_element(n, w, x, y); }

// Reverse mode: given dy (the adjoint of y), adds dL/dw to dw and dL/dx to dx; dy is consumed.
extern "C" __global__ void model_gradient(int n, const float *w, float *dw, const float *x, float *dx, float *y, float *dy)
{
    __enzyme_autodiff((void *)model_element, enzyme_const, n, enzyme_dup, w, dw, enzyme_dup, x, dx, enzyme_dup, y, dy);
}

// Forward mode: the directional derivative dy of y along (dw, dx).
extern "C" __global__ void model_tangent(int n, const float *w, const float *dw, const float *x, const float *dx, float *y, float *dy)
{
    __enzyme_fwddiff((void *)model_element, enzyme_const, n, enzyme_dup, w, dw, enzyme_dup, x, dx, enzyme_dup, y, dy);
}

// Reverse mode of saxpy with respect to x (a is constant): dx += a dy.
extern "C" __global__ void saxpy_gradient(int n, float a, const float *x, float *dx, float *y, float *dy)
{
    __enzyme_autodiff((void *)saxpy_element, enzyme_const, n, enzyme_const, a, enzyme_dup, x, dx, enzyme_dup, y, dy);
}
