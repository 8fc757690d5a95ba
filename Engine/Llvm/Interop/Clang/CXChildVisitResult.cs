namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>enum CXChildVisitResult</c> (clang-c/Index.h, LLVM 22): what a <c>clang_visitChildren</c> visitor asks for next.</summary>
public enum CXChildVisitResult
{
    CXChildVisit_Break = 0,
    CXChildVisit_Continue = 1,
    CXChildVisit_Recurse = 2,
}
