using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>A diagnostic LLVM reported through the context's handler (linker, bitcode reader, passes).</summary>
public sealed record LlvmDiagnostic(LLVMDiagnosticSeverity Severity, string Message)
{
    public bool IsError => Severity == LLVMDiagnosticSeverity.LLVMDSError;
}
