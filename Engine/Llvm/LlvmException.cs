using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>An LLVM operation failed; the message is LLVM's own diagnostic.</summary>
public class LlvmException(string message) : Exception(message)
{
    /// <summary>Throws when <paramref name="error"/> is a failure, consuming it either way.</summary>
    public static unsafe void ThrowIfFailed(LLVMErrorRef error, string operation)
    {
        if (error.IsNull)
        {
            return;
        }
        sbyte* text = LLVM.LLVMGetErrorMessage(error);
        string message = NativeUtf8.Read(text);
        LLVM.LLVMDisposeErrorMessage(text);
        throw new LlvmException($"{operation}: {message}");
    }
}
