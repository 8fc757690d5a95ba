namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMValueRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMValueRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
