namespace Enzyme.Sdk.Tasks;

/// <summary>
/// A .NET runtime identifier Enzyme.Sdk builds native libraries for: the clang target triple, the
/// library's file name, and what a cross build needs from the machine (the sysroot's files and
/// the Debian packages that provide them; build/llvm-toolchain.sh installs the same packages).
/// </summary>
public sealed record RuntimeTarget(string RuntimeIdentifier, string Triple, bool IsWindows, string AptPackages, IReadOnlyList<string> SysrootFiles)
{
    /// <summary>Every RID Enzyme.Sdk builds for, in the order the docs list them.</summary>
    public static IReadOnlyList<RuntimeTarget> Supported { get; } =
    [
        new("linux-x64", "x86_64-linux-gnu", IsWindows: false,
            "libc6-dev-amd64-cross libgcc-12-dev-amd64-cross libstdc++-12-dev-amd64-cross",
            ["/usr/x86_64-linux-gnu/include/stdio.h", "/usr/lib/gcc-cross/x86_64-linux-gnu/12/libgcc.a",
             "/usr/lib/gcc-cross/x86_64-linux-gnu/12/libstdc++.so"]),
        new("linux-arm64", "aarch64-linux-gnu", IsWindows: false,
            "libc6-dev-arm64-cross libgcc-12-dev-arm64-cross libstdc++-12-dev-arm64-cross",
            ["/usr/aarch64-linux-gnu/include/stdio.h", "/usr/lib/gcc-cross/aarch64-linux-gnu/12/libgcc.a",
             "/usr/lib/gcc-cross/aarch64-linux-gnu/12/libstdc++.so"]),
        // mingw-w64's win32 thread model: libgcc and libstdc++ link statically and need no
        // libwinpthread-1.dll, so the DLL imports only KERNEL32.dll and msvcrt.dll.
        new("win-x64", "x86_64-w64-windows-gnu", IsWindows: true,
            "mingw-w64-x86-64-dev gcc-mingw-w64-x86-64-win32 g++-mingw-w64-x86-64-win32",
            ["/usr/x86_64-w64-mingw32/include/stdio.h", "/usr/x86_64-w64-mingw32/lib/libmsvcrt.a",
             "/usr/lib/gcc/x86_64-w64-mingw32/12-win32/libgcc.a", "/usr/lib/gcc/x86_64-w64-mingw32/12-win32/libstdc++.a"]),
    ];

    public static RuntimeTarget? Find(string runtimeIdentifier) =>
        Supported.FirstOrDefault(target => target.RuntimeIdentifier == runtimeIdentifier);

    /// <summary>What <c>[LibraryImport("name")]</c> looks for on this platform.</summary>
    public string LibraryFileName(string libraryName) => IsWindows ? libraryName + ".dll" : "lib" + libraryName + ".so";
}
