namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMContextRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMContextRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
