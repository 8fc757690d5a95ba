namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>CXFile</c>: an opaque pointer to a file of a translation unit; owned by the unit.</summary>
public readonly record struct CXFile(nint Handle)
{
    public bool IsNull => Handle == 0;
}
