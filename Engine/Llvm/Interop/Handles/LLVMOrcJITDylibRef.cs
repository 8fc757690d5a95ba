namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMOrcJITDylibRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMOrcJITDylibRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
