namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMCodeGenOptLevel</c>, values as in llvm-c 22.</summary>
public enum LLVMCodeGenOptLevel
{
    LLVMCodeGenLevelNone = 0,
    LLVMCodeGenLevelLess = 1,
    LLVMCodeGenLevelDefault = 2,
    LLVMCodeGenLevelAggressive = 3,
}
