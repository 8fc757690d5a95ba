namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMTargetDataRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMTargetDataRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
