namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMOrcThreadSafeModuleRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMOrcThreadSafeModuleRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
