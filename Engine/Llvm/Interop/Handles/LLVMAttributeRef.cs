namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMAttributeRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMAttributeRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
