namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMMetadataRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMMetadataRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
