namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMDiagnosticSeverity</c>, values as in llvm-c 22.</summary>
public enum LLVMDiagnosticSeverity
{
    LLVMDSError = 0,
    LLVMDSWarning = 1,
    LLVMDSRemark = 2,
    LLVMDSNote = 3,
}
