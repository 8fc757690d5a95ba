namespace Enzyme.Cuda.Interop;

/// <summary>The driver API's <c>CUmodule</c>: an opaque pointer, passed by value.</summary>
public readonly record struct CUmodule(nint Handle)
{
    public bool IsNull => Handle == 0;
}
