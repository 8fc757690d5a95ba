namespace Enzyme.Cuda.Interop;

/// <summary>The driver API's <c>CUfunction</c>: an opaque pointer, passed by value.</summary>
public readonly record struct CUfunction(nint Handle)
{
    public bool IsNull => Handle == 0;
}
