using System.Runtime.InteropServices;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm.Interop;

namespace Enzyme.Cli;

/// <summary>
/// LLVM ends the process after a fatal error; this handler makes the last words a
/// diagnostic with a code, and removes the output being produced so nothing half-written or
/// stale survives.
/// </summary>
internal static unsafe class LlvmFatalErrorReporter
{
    public static volatile string? OutputToRemove;

    public static void Install() => LLVM.LLVMInstallFatalErrorHandler(&OnFatalError);

    [UnmanagedCallersOnly]
    private static void OnFatalError(sbyte* reason)
    {
        string message = Marshal.PtrToStringUTF8((nint)reason) ?? "unknown";
        Console.Error.WriteLine(new EnzymeDiagnostic(DiagnosticCodes.LlvmFatalError,
            $"LLVM stopped with a fatal error: {EnzymeDiagnostic.OneLine(message)}").Format());
        Console.Error.Flush();
        string? output = OutputToRemove;
        if (output is not null && File.Exists(output))
        {
            File.Delete(output);
        }
    }
}
