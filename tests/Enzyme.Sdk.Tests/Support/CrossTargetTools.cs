namespace Enzyme.Sdk.Tests.Support;

/// <summary>
/// What the cross-target tests build harnesses with and run them under: the toolchain's clang,
/// qemu-aarch64 (qemu-user) and wine64. build/llvm-toolchain.sh --runners installs the last two
/// and exports ENZYME_QEMU_AARCH64 and ENZYME_WINE64; `./build.sh test` runs it.
/// </summary>
public static class CrossTargetTools
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public static string Clang => Path.Combine(
        Environment.GetEnvironmentVariable("ENZYME_LLVM_ROOT") is { Length: > 0 } root ? root : "/usr/lib/llvm-22", "bin", "clang");

    /// <summary>The arm64 loader and libraries qemu-aarch64 runs programs with (libc6-arm64-cross).</summary>
    public const string Arm64Sysroot = "/usr/aarch64-linux-gnu";

    public static string QemuAarch64 => Find("ENZYME_QEMU_AARCH64", "/usr/bin/qemu-aarch64");

    public static string Wine64 => Find("ENZYME_WINE64", "/usr/bin/wine64", "/usr/lib/wine/wine64");

    /// <summary>Compiles a C program for <paramref name="triple"/> with clang and lld.</summary>
    public static ProcessResult CompileC(string triple, string source, string output, params string[] extraArguments) =>
        ProcessRunner.Run(Clang, ["--target=" + triple, "-fuse-ld=lld", "-O1", source, "-o", output, .. extraArguments],
            Path.GetDirectoryName(output)!, new Dictionary<string, string?>(), RunTimeout);

    /// <summary>Runs an arm64 Linux program under qemu-aarch64 with the arm64 loader.</summary>
    public static ProcessResult RunUnderQemu(string program, params string[] arguments) =>
        ProcessRunner.Run(QemuAarch64, ["-L", Arm64Sysroot, program, .. arguments], Path.GetDirectoryName(program)!,
            new Dictionary<string, string?>(), RunTimeout);

    /// <summary>
    /// Runs a Windows console program under wine64 in a prefix of its own (created on the first run,
    /// which is what makes it slow), with wine's debug output and its Mono/Gecko installers off.
    /// </summary>
    public static ProcessResult RunUnderWine(string winePrefix, string program, params string[] arguments) =>
        ProcessRunner.Run(Wine64, [program, .. arguments], Path.GetDirectoryName(program)!,
            new Dictionary<string, string?>
            {
                ["WINEPREFIX"] = winePrefix,
                ["WINEDEBUG"] = "-all",
                ["WINEDLLOVERRIDES"] = "mscoree=d;mshtml=d",
                ["DISPLAY"] = null,
            },
            RunTimeout);

    private static string Find(string variable, params string[] candidates)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set)
        {
            return set;
        }
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"{variable} is not set and none of {string.Join(", ", candidates)} exists: run build/llvm-toolchain.sh --runners (as root; it installs qemu-user and wine64).");
    }
}
