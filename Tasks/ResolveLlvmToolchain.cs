using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Finds the LLVM 22 prefix. Order: the <c>EnzymeLlvmRoot</c> property, the
/// <c>ENZYME_LLVM_ROOT</c> environment variable, <c>llvm-config-22 --prefix</c>, <c>/usr/lib/llvm-22</c>.
/// An explicit setting that is wrong is an error, never silently skipped; so is a prefix whose
/// clang reports another major version (ENZ4013).
/// </summary>
public sealed class ResolveLlvmToolchain : Microsoft.Build.Utilities.Task
{
    private const string ConventionalRoot = "/usr/lib/llvm-22";
    private const string LibLlvm = "lib/libLLVM.so.22.1";

    /// <summary>The <c>EnzymeLlvmRoot</c> property.</summary>
    public string PropertyRoot { get; set; } = "";

    /// <summary>The <c>ENZYME_LLVM_ROOT</c> environment variable.</summary>
    public string EnvironmentRoot { get; set; } = "";

    /// <summary>The project being built, named by the error.</summary>
    public string ProjectFile { get; set; } = "";

    [Output]
    public string LlvmRoot { get; set; } = "";

    public override bool Execute()
    {
        if (!string.IsNullOrWhiteSpace(PropertyRoot))
        {
            return Accept(PropertyRoot, "the EnzymeLlvmRoot property");
        }
        if (!string.IsNullOrWhiteSpace(EnvironmentRoot))
        {
            return Accept(EnvironmentRoot, "the ENZYME_LLVM_ROOT environment variable");
        }
        string? fromLlvmConfig = QueryLlvmConfig();
        if (fromLlvmConfig is not null && IsLlvm22(fromLlvmConfig))
        {
            return Accept(fromLlvmConfig, "llvm-config-22 --prefix");
        }
        if (IsLlvm22(ConventionalRoot))
        {
            return Accept(ConventionalRoot, ConventionalRoot);
        }
        LogError($"LLVM 22 was not found: EnzymeLlvmRoot and ENZYME_LLVM_ROOT are not set, llvm-config-22 is not on PATH and {ConventionalRoot} has no bin/clang and {LibLlvm}. " +
                 $"Install it with: {DiagnosticCodes.InstallCommand}, or set the EnzymeLlvmRoot property (or the ENZYME_LLVM_ROOT environment variable) to an LLVM 22 prefix.");
        return false;
    }

    private bool Accept(string root, string origin)
    {
        string full = Path.GetFullPath(root.Trim()).TrimEnd('/');
        string source = $"{char.ToUpperInvariant(origin[0])}{origin[1..]} is '{full}'";
        string fix = $"Point EnzymeLlvmRoot or ENZYME_LLVM_ROOT at an LLVM 22 installation (e.g. /usr/lib/llvm-22), or install one with: {DiagnosticCodes.InstallCommand}";
        string clang = Path.Combine(full, "bin", "clang");
        if (!File.Exists(clang))
        {
            string found = Directory.Exists(full) ? "it has no bin/clang" : "that folder does not exist";
            LogError(DiagnosticCodes.ToolchainNotFound, $"{source}, which is not an LLVM 22 prefix: {found}. {fix}");
            return false;
        }
        // A prefix of another LLVM must stop here: its clang writes bitcode enzyme-ad (built on
        // LLVM 22) cannot read, or fails on options it does not know, far from the real cause.
        ClangVersion version = ClangVersion.Probe(clang);
        if (version.Major != 22)
        {
            string what = version.Major is null
                ? $"its bin/clang does not report a version ({version.Description})"
                : $"its bin/clang is version {version.Text} ('{version.Description}')";
            LogError(DiagnosticCodes.WrongLlvmVersion, $"{source}, but {what}; Enzyme.Sdk needs LLVM 22. {fix}");
            return false;
        }
        if (!File.Exists(Path.Combine(full, LibLlvm)))
        {
            string others = Directory.Exists(Path.Combine(full, "lib"))
                ? string.Join(", ", Directory.EnumerateFiles(Path.Combine(full, "lib"), "libLLVM.so*").Select(Path.GetFileName).Order(StringComparer.Ordinal))
                : "";
            LogError(DiagnosticCodes.ToolchainNotFound,
                $"{source}: its clang is {version.Text} but it has no {LibLlvm}{(others.Length > 0 ? $" (found {others})" : "")}, which enzyme-ad loads. " +
                $"Install llvm-22-dev, or {char.ToLowerInvariant(fix[0])}{fix[1..]}");
            return false;
        }
        LlvmRoot = full;
        Log.LogMessage(MessageImportance.Low, "Enzyme: LLVM {0} at {1} (from {2})", version.Text, LlvmRoot, origin);
        return true;
    }

    private static bool IsLlvm22(string root) =>
        File.Exists(Path.Combine(root, "bin", "clang")) && File.Exists(Path.Combine(root, LibLlvm));

    private static string? QueryLlvmConfig()
    {
        try
        {
            var start = new ProcessStartInfo("llvm-config-22", "--prefix")
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
            return null; // not on PATH
        }
    }

    private void LogError(string message) => LogError(DiagnosticCodes.ToolchainNotFound, message);

    private void LogError(string code, string message) =>
        Log.LogError(null, code, null, ProjectFile.Length > 0 ? ProjectFile : null, 0, 0, 0, 0, "{0}", message);
}
