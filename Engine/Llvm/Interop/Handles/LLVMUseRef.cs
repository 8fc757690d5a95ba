namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMUseRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMUseRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
