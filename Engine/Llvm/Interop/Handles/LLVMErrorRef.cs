namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMErrorRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMErrorRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
