namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMPassBuilderOptionsRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMPassBuilderOptionsRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
