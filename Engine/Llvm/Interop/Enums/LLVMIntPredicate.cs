namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMIntPredicate</c>, values as in llvm-c 22.</summary>
public enum LLVMIntPredicate
{
    LLVMIntEQ = 32,
    LLVMIntNE = 33,
    LLVMIntUGT = 34,
    LLVMIntUGE = 35,
    LLVMIntULT = 36,
    LLVMIntULE = 37,
    LLVMIntSGT = 38,
    LLVMIntSGE = 39,
    LLVMIntSLT = 40,
    LLVMIntSLE = 41,
}
