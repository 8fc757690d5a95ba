namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMVerifierFailureAction</c>, values as in llvm-c 22.</summary>
public enum LLVMVerifierFailureAction
{
    LLVMAbortProcessAction = 0,
    LLVMPrintMessageAction = 1,
    LLVMReturnStatusAction = 2,
}
