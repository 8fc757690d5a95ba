using System.Runtime.InteropServices;
using System.Text;
using Enzyme.Llvm.Interop;

namespace Enzyme.Llvm;

/// <summary>UTF-8 conversions between .NET strings and the C API's <c>char*</c>.</summary>
public static unsafe class NativeUtf8
{
    /// <summary>Null-terminated UTF-8 bytes of <paramref name="text"/>, for <c>fixed</c>.</summary>
    public static byte[] Encode(string text)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    public static string Read(sbyte* text) => text is null ? string.Empty : Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    public static string Read(sbyte* text, nuint length) =>
        text is null ? string.Empty : Encoding.UTF8.GetString((byte*)text, checked((int)length));

    /// <summary>Reads a string that LLVM allocated for us and frees it with <c>LLVMDisposeMessage</c>.</summary>
    public static string TakeMessage(sbyte* message)
    {
        if (message is null)
        {
            return string.Empty;
        }
        string text = Read(message);
        LLVM.LLVMDisposeMessage(message);
        return text;
    }
}
