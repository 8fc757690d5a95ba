using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop;

// Orc.h and LLJIT.h: the subset of ORC needed to JIT a module in-process and look up symbols.
public static unsafe partial class LLVM
{
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMOrcCreateLLJIT(LLVMOrcLLJITRef* Result, nint Builder);
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMOrcDisposeLLJIT(LLVMOrcLLJITRef J);
    [LibraryImport(LibraryName)] public static partial LLVMOrcJITDylibRef LLVMOrcLLJITGetMainJITDylib(LLVMOrcLLJITRef J);
    [LibraryImport(LibraryName)] public static partial sbyte LLVMOrcLLJITGetGlobalPrefix(LLVMOrcLLJITRef J);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMOrcLLJITGetTripleString(LLVMOrcLLJITRef J);
    [LibraryImport(LibraryName)] public static partial sbyte* LLVMOrcLLJITGetDataLayoutStr(LLVMOrcLLJITRef J);
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMOrcLLJITAddLLVMIRModule(LLVMOrcLLJITRef J, LLVMOrcJITDylibRef JD, LLVMOrcThreadSafeModuleRef TSM);
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMOrcLLJITLookup(LLVMOrcLLJITRef J, ulong* Result, sbyte* Name);
    [LibraryImport(LibraryName)] public static partial LLVMOrcThreadSafeContextRef LLVMOrcCreateNewThreadSafeContextFromLLVMContext(LLVMContextRef Ctx);
    [LibraryImport(LibraryName)] public static partial void LLVMOrcDisposeThreadSafeContext(LLVMOrcThreadSafeContextRef TSCtx);
    [LibraryImport(LibraryName)] public static partial LLVMOrcThreadSafeModuleRef LLVMOrcCreateNewThreadSafeModule(LLVMModuleRef M, LLVMOrcThreadSafeContextRef TSCtx);
    [LibraryImport(LibraryName)] public static partial void LLVMOrcDisposeThreadSafeModule(LLVMOrcThreadSafeModuleRef TSM);
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(LLVMOrcDefinitionGeneratorRef* Result, sbyte GlobalPrefx, nint Filter, void* FilterCtx);
    [LibraryImport(LibraryName)] public static partial void LLVMOrcJITDylibAddGenerator(LLVMOrcJITDylibRef JD, LLVMOrcDefinitionGeneratorRef DG);
}
