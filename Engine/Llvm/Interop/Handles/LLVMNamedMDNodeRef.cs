namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMNamedMDNodeRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMNamedMDNodeRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
