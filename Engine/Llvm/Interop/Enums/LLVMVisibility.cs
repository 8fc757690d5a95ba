namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMVisibility</c>, values as in llvm-c 22.</summary>
public enum LLVMVisibility
{
    LLVMDefaultVisibility = 0,
    LLVMHiddenVisibility = 1,
    LLVMProtectedVisibility = 2,
}
