namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMTypeRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMTypeRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
