namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMDiagnosticInfoRef</c>: an opaque pointer, passed by value.</summary>
public readonly record struct LLVMDiagnosticInfoRef(nint Handle)
{
    public bool IsNull => Handle == 0;
}
