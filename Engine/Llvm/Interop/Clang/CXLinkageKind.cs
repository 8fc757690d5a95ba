namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>enum CXLinkageKind</c> (clang-c/Index.h, LLVM 22).</summary>
public enum CXLinkageKind
{
    CXLinkage_Invalid = 0,
    CXLinkage_NoLinkage = 1,
    CXLinkage_Internal = 2,
    CXLinkage_UniqueExternal = 3,
    CXLinkage_External = 4,
}
