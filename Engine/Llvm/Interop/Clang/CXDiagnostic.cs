namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>CXDiagnostic</c>: an opaque pointer to one diagnostic; owned by the caller once fetched.</summary>
public readonly record struct CXDiagnostic(nint Handle)
{
    public bool IsNull => Handle == 0;
}
