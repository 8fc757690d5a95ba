namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMBasicBlockRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMBasicBlockRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
