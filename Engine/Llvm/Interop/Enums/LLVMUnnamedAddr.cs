namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMUnnamedAddr</c>, values as in llvm-c 22.</summary>
public enum LLVMUnnamedAddr
{
    LLVMNoUnnamedAddr = 0,
    LLVMLocalUnnamedAddr = 1,
    LLVMGlobalUnnamedAddr = 2,
}
