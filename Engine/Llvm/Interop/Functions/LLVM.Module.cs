using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop;

// IRReader.h, BitWriter.h, Linker.h, Analysis.h: reading, writing, linking and verifying modules.
public static unsafe partial class LLVM
{
    [LibraryImport(LibraryName)] public static partial int LLVMParseIRInContext2(LLVMContextRef ContextRef, LLVMMemoryBufferRef MemBuf, LLVMModuleRef* OutM, sbyte** OutMessage);
    [LibraryImport(LibraryName)] public static partial LLVMMemoryBufferRef LLVMWriteBitcodeToMemoryBuffer(LLVMModuleRef M);
    [LibraryImport(LibraryName)] public static partial int LLVMLinkModules2(LLVMModuleRef Dest, LLVMModuleRef Src);
    [LibraryImport(LibraryName)] public static partial int LLVMVerifyModule(LLVMModuleRef M, LLVMVerifierFailureAction Action, sbyte** OutMessage);
    [LibraryImport(LibraryName)] public static partial int LLVMVerifyFunction(LLVMValueRef Fn, LLVMVerifierFailureAction Action);
}
