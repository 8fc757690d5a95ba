namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>CXTranslationUnit</c>: an opaque pointer to one parsed translation unit.</summary>
public readonly record struct CXTranslationUnit(nint Handle)
{
    public bool IsNull => Handle == 0;
}
