using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>
/// Target registration. <c>llvm-c/Target.h</c> defines its aggregate initialisers
/// (<c>LLVMInitializeNativeTarget</c>, ...) as <c>static inline</c>, so libLLVM does not export
/// them: these are their equivalents, calling the per-target functions libLLVM does export.
/// </summary>
public static unsafe class LlvmTargets
{
    private static readonly Lock Gate = new();
    private static bool s_x86, s_aarch64, s_nvptx;

    public static void InitializeX86()
    {
        lock (Gate)
        {
            if (s_x86) return;
            LLVM.LLVMInitializeX86TargetInfo();
            LLVM.LLVMInitializeX86Target();
            LLVM.LLVMInitializeX86TargetMC();
            LLVM.LLVMInitializeX86AsmPrinter();
            LLVM.LLVMInitializeX86AsmParser();
            s_x86 = true;
        }
    }

    public static void InitializeAArch64()
    {
        lock (Gate)
        {
            if (s_aarch64) return;
            LLVM.LLVMInitializeAArch64TargetInfo();
            LLVM.LLVMInitializeAArch64Target();
            LLVM.LLVMInitializeAArch64TargetMC();
            LLVM.LLVMInitializeAArch64AsmPrinter();
            LLVM.LLVMInitializeAArch64AsmParser();
            s_aarch64 = true;
        }
    }

    /// <summary>NVPTX has no assembly parser; PTX is only ever printed.</summary>
    public static void InitializeNvptx()
    {
        lock (Gate)
        {
            if (s_nvptx) return;
            LLVM.LLVMInitializeNVPTXTargetInfo();
            LLVM.LLVMInitializeNVPTXTarget();
            LLVM.LLVMInitializeNVPTXTargetMC();
            LLVM.LLVMInitializeNVPTXAsmPrinter();
            s_nvptx = true;
        }
    }

    /// <summary>The equivalent of <c>LLVMInitializeNativeTarget</c> plus its asm printer and parser.</summary>
    public static void InitializeNative()
    {
        switch (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture)
        {
            case System.Runtime.InteropServices.Architecture.X64:
            case System.Runtime.InteropServices.Architecture.X86:
                InitializeX86();
                break;
            case System.Runtime.InteropServices.Architecture.Arm64:
                InitializeAArch64();
                break;
            default:
                throw new PlatformNotSupportedException($"No LLVM target is bound for {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}.");
        }
    }

    /// <summary>Every target the bindings know: X86, AArch64 and NVPTX.</summary>
    public static void InitializeAll()
    {
        InitializeX86();
        InitializeAArch64();
        InitializeNvptx();
    }

    public static string DefaultTriple => NativeUtf8.TakeMessage(LLVM.LLVMGetDefaultTargetTriple());
    public static string HostCpuName => NativeUtf8.TakeMessage(LLVM.LLVMGetHostCPUName());
    public static string HostCpuFeatures => NativeUtf8.TakeMessage(LLVM.LLVMGetHostCPUFeatures());

    public static string NormalizeTriple(string triple)
    {
        fixed (byte* t = NativeUtf8.Encode(triple))
        {
            return NativeUtf8.TakeMessage(LLVM.LLVMNormalizeTargetTriple((sbyte*)t));
        }
    }

    /// <summary>libLLVM's version, e.g. 22.1.8.</summary>
    public static Version LibraryVersion
    {
        get
        {
            uint major, minor, patch;
            LLVM.LLVMGetVersion(&major, &minor, &patch);
            return new Version((int)major, (int)minor, (int)patch);
        }
    }
}
