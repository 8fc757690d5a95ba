namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMTargetRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMTargetRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
