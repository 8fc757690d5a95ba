using System.Runtime.InteropServices;
using Enzyme.Llvm.Interop.Clang;
using static Enzyme.Llvm.Interop.Clang.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// Every <see cref="CXString"/> libclang returns is owned by the caller; copying it into a managed
/// string and disposing it in one step keeps that rule in a single place.
/// </summary>
internal static unsafe class CXStringOwnership
{
    /// <summary>Copies the UTF-8 text of <paramref name="text"/>, then disposes it; a null string reads as empty.</summary>
    public static string CopyAndDispose(CXString text)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)clang_getCString(text)) ?? string.Empty;
        }
        finally
        {
            clang_disposeString(text);
        }
    }
}
