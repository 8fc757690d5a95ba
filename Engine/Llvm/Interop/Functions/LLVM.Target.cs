using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop;

// Target.h and TargetMachine.h: targets, target machines, data layouts, code emission.
public static unsafe partial class LLVM
{
    [LibraryImport(LibraryName)] public static partial LLVMTargetRef LLVMGetFirstTarget();
    [LibraryImport(LibraryName)] public static partial LLVMTargetRef LLVMGetNextTarget(LLVMTargetRef T);
    [LibraryImport(LibraryName)] public static partial int LLVMGetTargetFromTriple(sbyte* Triple, LLVMTargetRef* T, sbyte** ErrorMessage);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetTargetName(LLVMTargetRef T);
    [LibraryImport(LibraryName)] public static partial LLVMTargetMachineRef LLVMCreateTargetMachine(LLVMTargetRef T, sbyte* Triple, sbyte* CPU, sbyte* Features, LLVMCodeGenOptLevel Level, LLVMRelocMode Reloc, LLVMCodeModel CodeModel);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeTargetMachine(LLVMTargetMachineRef T);
    [LibraryImport(LibraryName)] public static partial LLVMTargetDataRef LLVMCreateTargetDataLayout(LLVMTargetMachineRef T);
    [LibraryImport(LibraryName)] public static partial int LLVMTargetMachineEmitToMemoryBuffer(LLVMTargetMachineRef T, LLVMModuleRef M, LLVMCodeGenFileType codegen, sbyte** ErrorMessage, LLVMMemoryBufferRef* OutMemBuf);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetDefaultTargetTriple();
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMNormalizeTargetTriple(sbyte* triple);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetHostCPUName();
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetHostCPUFeatures();
    [LibraryImport(LibraryName)] public static partial void LLVMSetModuleDataLayout(LLVMModuleRef M, LLVMTargetDataRef DL);
    [LibraryImport(LibraryName)] public static partial LLVMTargetDataRef LLVMCreateTargetData(sbyte* StringRep);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeTargetData(LLVMTargetDataRef TD);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMCopyStringRepOfTargetData(LLVMTargetDataRef TD);
    [LibraryImport(LibraryName)] public static partial ulong LLVMSizeOfTypeInBits(LLVMTargetDataRef TD, LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial ulong LLVMStoreSizeOfType(LLVMTargetDataRef TD, LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial ulong LLVMABISizeOfType(LLVMTargetDataRef TD, LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial uint LLVMABIAlignmentOfType(LLVMTargetDataRef TD, LLVMTypeRef Ty);
    [LibraryImport(LibraryName)] public static partial ulong LLVMOffsetOfElement(LLVMTargetDataRef TD, LLVMTypeRef StructTy, uint Element);

    // Per-target initialisers exported by libLLVM. The aggregate initialisers of Target.h
    // (LLVMInitializeNativeTarget, ...) are static inline and live in TargetInitialization.
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeX86TargetInfo();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeX86Target();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeX86TargetMC();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeX86AsmPrinter();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeX86AsmParser();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeAArch64TargetInfo();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeAArch64Target();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeAArch64TargetMC();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeAArch64AsmPrinter();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeAArch64AsmParser();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeNVPTXTargetInfo();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeNVPTXTarget();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeNVPTXTargetMC();
    [LibraryImport(LibraryName)] public static partial void LLVMInitializeNVPTXAsmPrinter();
}
