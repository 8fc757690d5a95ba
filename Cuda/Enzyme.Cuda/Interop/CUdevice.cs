namespace Enzyme.Cuda.Interop;

/// <summary>The driver API's <c>CUdevice</c>: an <c>int</c> the driver hands out for an ordinal.</summary>
public readonly record struct CUdevice(int Value);
