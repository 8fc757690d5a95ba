namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMOrcThreadSafeContextRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMOrcThreadSafeContextRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
