namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>enum CXErrorCode</c> (clang-c/CXErrorCode.h, LLVM 22).</summary>
public enum CXErrorCode
{
    CXError_Success = 0,
    CXError_Failure = 1,
    CXError_Crashed = 2,
    CXError_InvalidArguments = 3,
    CXError_ASTReadError = 4,
}
