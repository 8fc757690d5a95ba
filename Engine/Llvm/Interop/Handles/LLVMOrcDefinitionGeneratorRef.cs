namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMOrcDefinitionGeneratorRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMOrcDefinitionGeneratorRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
