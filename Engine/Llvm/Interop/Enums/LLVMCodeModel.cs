namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMCodeModel</c>, values as in llvm-c 22.</summary>
public enum LLVMCodeModel
{
    LLVMCodeModelDefault = 0,
    LLVMCodeModelJITDefault = 1,
    LLVMCodeModelTiny = 2,
    LLVMCodeModelSmall = 3,
    LLVMCodeModelKernel = 4,
    LLVMCodeModelMedium = 5,
    LLVMCodeModelLarge = 6,
}
