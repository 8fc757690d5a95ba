namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMOrcLLJITRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMOrcLLJITRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
