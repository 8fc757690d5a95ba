namespace Enzyme.Cuda.Interop;

/// <summary>The driver API's <c>CUcontext</c>: an opaque pointer, passed by value.</summary>
public readonly record struct CUcontext(nint Handle)
{
    public bool IsNull => Handle == 0;
}
