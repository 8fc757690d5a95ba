namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMBuilderRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMBuilderRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
