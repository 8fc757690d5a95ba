using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Llvm.Interop;

/// <summary>
/// The one place that maps the logical library names of the raw layer (<c>LLVM</c>,
/// <c>clang</c>) to files of the discovered toolchain. Registered by a module initialiser so
/// that no P/Invoke can run before it.
/// </summary>
public static class NativeLibraryResolver
{
    public const string ClangLibraryName = "clang";

#pragma warning disable CA2255 // A module initialiser is the intended way to register a resolver before first use.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string? path = libraryName switch
        {
            LLVM.LibraryName => LlvmToolchain.Current.LibLlvmPath,
            ClangLibraryName => LlvmToolchain.Current.LibClangPath,
            _ => null,
        };
        return path is null ? 0 : NativeLibrary.Load(path);
    }
}
