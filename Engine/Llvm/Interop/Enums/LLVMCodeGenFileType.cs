namespace Enzyme.Llvm.Interop;

/// <summary>The C API's <c>LLVMCodeGenFileType</c>, values as in llvm-c 22.</summary>
public enum LLVMCodeGenFileType
{
    LLVMAssemblyFile = 0,
    LLVMObjectFile = 1,
}
