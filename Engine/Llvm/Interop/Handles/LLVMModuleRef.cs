namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMModuleRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMModuleRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
