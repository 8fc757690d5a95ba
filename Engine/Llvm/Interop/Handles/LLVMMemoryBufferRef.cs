namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMMemoryBufferRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMMemoryBufferRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
