namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>CXIndex</c>: an opaque pointer to the shared state of a set of translation units.</summary>
public readonly record struct CXIndex(nint Handle)
{
    public bool IsNull => Handle == 0;
}
