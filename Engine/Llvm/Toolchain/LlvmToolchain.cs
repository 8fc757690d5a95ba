using System.Diagnostics;

namespace Enzyme.Llvm.Toolchain;

/// <summary>
/// Where the LLVM 22 toolchain lives. Search order (the same as build/llvm-toolchain.sh):
/// <c>ENZYME_LLVM_ROOT</c>, then <c>llvm-config-22 --prefix</c>, then <c>/usr/lib/llvm-22</c>.
/// </summary>
public sealed class LlvmToolchain
{
    public const int RequiredMajorVersion = 22;
    public const string LibLlvmFileName = "libLLVM.so.22.1";
    public const string LibClangFileName = "libclang-22.so.1";
    public const string RootEnvironmentVariable = "ENZYME_LLVM_ROOT";
    public const string InstallCommand = "apt-get install -y clang-22 lld-22 llvm-22 llvm-22-dev flang-22";

    private static readonly Lazy<LlvmToolchain> DiscoveredToolchain = new(Discover);

    private LlvmToolchain(string root) => Root = root;

    /// <summary>The prefix, e.g. <c>/usr/lib/llvm-22</c>.</summary>
    public string Root { get; }

    public string LibraryDirectory => Path.Combine(Root, "lib");
    public string BinaryDirectory => Path.Combine(Root, "bin");
    public string LibLlvmPath => Path.Combine(LibraryDirectory, LibLlvmFileName);
    public string LibClangPath => Path.Combine(LibraryDirectory, LibClangFileName);

    /// <summary>Path of a tool in the toolchain's bin folder (<c>clang</c>, <c>ld.lld</c>, ...).</summary>
    public string Tool(string name) => Path.Combine(BinaryDirectory, name);

    /// <summary>The toolchain found on this machine; throws <see cref="LlvmToolchainNotFoundException"/> when none is usable.</summary>
    public static LlvmToolchain Current => DiscoveredToolchain.Value;

    /// <summary>Checks that <paramref name="root"/> holds an LLVM 22 installation.</summary>
    public static LlvmToolchain FromRoot(string root, string origin)
    {
        string full = Path.GetFullPath(root);
        if (!File.Exists(Path.Combine(full, "lib", LibLlvmFileName)))
        {
            throw new LlvmToolchainNotFoundException(
                $"{origin} points to '{full}', which has no lib/{LibLlvmFileName} (LLVM {RequiredMajorVersion} is required). " +
                $"Point {RootEnvironmentVariable} at an LLVM {RequiredMajorVersion} prefix or install it: {InstallCommand}");
        }
        return new LlvmToolchain(full);
    }

    private static LlvmToolchain Discover()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(RootEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return FromRoot(fromEnvironment, RootEnvironmentVariable);
        }
        string? fromLlvmConfig = QueryLlvmConfigPrefix();
        if (fromLlvmConfig is not null)
        {
            return FromRoot(fromLlvmConfig, $"llvm-config-{RequiredMajorVersion} --prefix");
        }
        string conventional = $"/usr/lib/llvm-{RequiredMajorVersion}";
        if (File.Exists(Path.Combine(conventional, "lib", LibLlvmFileName)))
        {
            return new LlvmToolchain(conventional);
        }
        throw new LlvmToolchainNotFoundException(
            $"LLVM {RequiredMajorVersion} was not found (no {RootEnvironmentVariable}, no llvm-config-{RequiredMajorVersion} on PATH, nothing in {conventional}). " +
            $"Install it with: {InstallCommand} (or set {RootEnvironmentVariable} to its prefix)");
    }

    private static string? QueryLlvmConfigPrefix()
    {
        try
        {
            var start = new ProcessStartInfo($"llvm-config-{RequiredMajorVersion}", "--prefix")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? process = Process.Start(start);
            if (process is null)
            {
                return null;
            }
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not on PATH: fall through to the conventional location.
            return null;
        }
    }
}
