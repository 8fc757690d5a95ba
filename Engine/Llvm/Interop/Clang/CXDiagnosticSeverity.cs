namespace Enzyme.Llvm.Interop.Clang;

/// <summary>libclang's <c>enum CXDiagnosticSeverity</c> (clang-c/CXDiagnostic.h, LLVM 22); ordered, so comparisons are meaningful.</summary>
public enum CXDiagnosticSeverity
{
    CXDiagnostic_Ignored = 0,
    CXDiagnostic_Note = 1,
    CXDiagnostic_Warning = 2,
    CXDiagnostic_Error = 3,
    CXDiagnostic_Fatal = 4,
}
