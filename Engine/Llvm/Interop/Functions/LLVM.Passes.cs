using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop;

// Transforms/PassBuilder.h, Error.h, ErrorHandling.h: the new pass manager and error values.
public static unsafe partial class LLVM
{
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMRunPasses(LLVMModuleRef M, sbyte* Passes, LLVMTargetMachineRef TM, LLVMPassBuilderOptionsRef Options);
    [LibraryImport(LibraryName)] public static partial LLVMErrorRef LLVMRunPassesOnFunction(LLVMValueRef F, sbyte* Passes, LLVMTargetMachineRef TM, LLVMPassBuilderOptionsRef Options);
    [LibraryImport(LibraryName)] public static partial LLVMPassBuilderOptionsRef LLVMCreatePassBuilderOptions();
    [LibraryImport(LibraryName)] public static partial void LLVMDisposePassBuilderOptions(LLVMPassBuilderOptionsRef Options);
    [LibraryImport(LibraryName)] public static partial void LLVMPassBuilderOptionsSetVerifyEach(LLVMPassBuilderOptionsRef Options, int VerifyEach);
    [LibraryImport(LibraryName)] public static partial void LLVMPassBuilderOptionsSetDebugLogging(LLVMPassBuilderOptionsRef Options, int DebugLogging);
    [LibraryImport(LibraryName)] public static partial void LLVMPassBuilderOptionsSetLoopVectorization(LLVMPassBuilderOptionsRef Options, int LoopVectorization);
    [LibraryImport(LibraryName)] public static partial void LLVMPassBuilderOptionsSetSLPVectorization(LLVMPassBuilderOptionsRef Options, int SLPVectorization);
    [LibraryImport(LibraryName)] public static partial void LLVMPassBuilderOptionsSetLoopUnrolling(LLVMPassBuilderOptionsRef Options, int LoopUnrolling);

    [LibraryImport(LibraryName)] public static partial sbyte* LLVMGetErrorMessage(LLVMErrorRef Err);
    [LibraryImport(LibraryName)] public static partial void LLVMDisposeErrorMessage(sbyte* ErrMsg);
    [LibraryImport(LibraryName)] public static partial void LLVMConsumeError(LLVMErrorRef Err);

    [LibraryImport(LibraryName)] public static partial void LLVMInstallFatalErrorHandler(delegate* unmanaged<sbyte*, void> Handler);
    [LibraryImport(LibraryName)] public static partial void LLVMResetFatalErrorHandler();
}
