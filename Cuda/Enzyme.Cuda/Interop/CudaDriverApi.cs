using System.Runtime.InteropServices;

namespace Enzyme.Cuda.Interop;

/// <summary>
/// Raw entry points of the CUDA driver API, 1:1 with <c>cuda.h</c>: the exported symbol names
/// (the <c>_v2</c> ones where the header's macros select them), blittable signatures
/// (<c>sbyte*</c> for <c>char*</c>, <c>nint</c> for <c>CUdeviceptr</c> and <c>size_t</c>).
/// Callers go through <see cref="CudaDriverLibrary"/> first: calling one of these with no driver
/// installed throws <see cref="DllNotFoundException"/>.
/// </summary>
public static unsafe partial class CudaDriverApi
{
    /// <summary>Logical library name; <see cref="CudaDriverLibrary"/> maps it to the driver of the platform.</summary>
    public const string LibraryName = "libcuda.so.1";

    // ---- Initialisation and errors ----
    [LibraryImport(LibraryName)] public static partial CUresult cuInit(uint Flags);
    [LibraryImport(LibraryName)] public static partial CUresult cuDriverGetVersion(int* driverVersion);
    [LibraryImport(LibraryName)] public static partial CUresult cuGetErrorName(CUresult error, sbyte** pStr);
    [LibraryImport(LibraryName)] public static partial CUresult cuGetErrorString(CUresult error, sbyte** pStr);

    // ---- Devices ----
    [LibraryImport(LibraryName)] public static partial CUresult cuDeviceGetCount(int* count);
    [LibraryImport(LibraryName)] public static partial CUresult cuDeviceGet(CUdevice* device, int ordinal);
    [LibraryImport(LibraryName)] public static partial CUresult cuDeviceGetName(sbyte* name, int len, CUdevice dev);
    [LibraryImport(LibraryName)] public static partial CUresult cuDeviceGetAttribute(int* pi, CUdevice_attribute attrib, CUdevice dev);
    [LibraryImport(LibraryName)] public static partial CUresult cuDeviceTotalMem_v2(nint* bytes, CUdevice dev);

    // ---- Contexts ----
    [LibraryImport(LibraryName)] public static partial CUresult cuDevicePrimaryCtxRetain(CUcontext* pctx, CUdevice dev);
    [LibraryImport(LibraryName)] public static partial CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev);
    [LibraryImport(LibraryName)] public static partial CUresult cuCtxSetCurrent(CUcontext ctx);
    [LibraryImport(LibraryName)] public static partial CUresult cuCtxGetCurrent(CUcontext* pctx);
    [LibraryImport(LibraryName)] public static partial CUresult cuCtxSynchronize();

    // ---- Modules ----
    [LibraryImport(LibraryName)] public static partial CUresult cuModuleLoadDataEx(CUmodule* module, void* image, uint numOptions, CUjit_option* options, void** optionValues);
    [LibraryImport(LibraryName)] public static partial CUresult cuModuleGetFunction(CUfunction* hfunc, CUmodule hmod, sbyte* name);
    [LibraryImport(LibraryName)] public static partial CUresult cuModuleUnload(CUmodule hmod);

    // ---- Memory ----
    [LibraryImport(LibraryName)] public static partial CUresult cuMemAlloc_v2(nint* dptr, nint bytesize);
    [LibraryImport(LibraryName)] public static partial CUresult cuMemFree_v2(nint dptr);
    [LibraryImport(LibraryName)] public static partial CUresult cuMemcpyHtoD_v2(nint dstDevice, void* srcHost, nint ByteCount);
    [LibraryImport(LibraryName)] public static partial CUresult cuMemcpyDtoH_v2(void* dstHost, nint srcDevice, nint ByteCount);
    [LibraryImport(LibraryName)] public static partial CUresult cuMemsetD8_v2(nint dstDevice, byte uc, nint N);

    // ---- Execution ----
    [LibraryImport(LibraryName)] public static partial CUresult cuLaunchKernel(
        CUfunction f,
        uint gridDimX, uint gridDimY, uint gridDimZ,
        uint blockDimX, uint blockDimY, uint blockDimZ,
        uint sharedMemBytes, nint hStream, void** kernelParams, void** extra);
}
