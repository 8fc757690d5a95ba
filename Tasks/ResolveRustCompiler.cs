using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Finds rustc for the Rust <c>EnzymeSource</c> items, as <see cref="ResolveLlvmToolchain"/> finds clang: the
/// <c>EnzymeRustc</c> property (a path, or a name looked up on <c>PATH</c>), else <c>rustc</c> on <c>PATH</c>, else
/// rustup's <c>~/.cargo/bin/rustc</c> (a non-login shell often lacks it on <c>PATH</c>). Missing, or not running,
/// is ENZ4040; a rustc built on an LLVM newer than the engine's 22 writes bitcode the engine cannot read, ENZ4041.
/// An older LLVM is fine: LLVM reads the bitcode of earlier releases.
/// </summary>
public sealed class ResolveRustCompiler : Microsoft.Build.Utilities.Task
{
    /// <summary>The LLVM major version of the engine.</summary>
    public const int EngineLlvmMajor = 22;

    /// <summary>The <c>EnzymeRustc</c> property.</summary>
    public string PropertyPath { get; set; } = "";

    /// <summary>The <c>PATH</c> searched when the property is empty (the environment's when not set).</summary>
    public string SearchPath { get; set; } = "";

    /// <summary>The home folder whose <c>.cargo/bin</c> is searched last (the environment's when not set).</summary>
    public string HomeDirectory { get; set; } = "";

    public string ProjectFile { get; set; } = "";

    [Output]
    public string RustcPath { get; set; } = "";

    /// <summary>The release and LLVM version, for the build's inputs cache: another rustc recompiles the Rust sources.</summary>
    [Output]
    public string RustcDescription { get; set; } = "";

    public override bool Execute()
    {
        string? rustc = Locate(out string searched);
        if (rustc is null)
        {
            LogError(DiagnosticCodes.RustcNotFound,
                $"rustc was not found ({searched}); the project has Rust EnzymeSource items (.rs). Install it with: {DiagnosticCodes.RustInstallCommand}, " +
                "or set the EnzymeRustc property to the rustc to use.");
            return false;
        }
        RustcVersion version = RustcVersion.Probe(rustc);
        if (!version.Ran)
        {
            LogError(DiagnosticCodes.RustcNotFound, $"rustc at '{rustc}' does not run: {version.Description}. Set EnzymeRustc to a working rustc, or install one with: {DiagnosticCodes.RustInstallCommand}");
            return false;
        }
        if (version.LlvmMajor is not { } major)
        {
            LogError(DiagnosticCodes.RustcNotFound, $"rustc {version.Release} at '{rustc}' does not report an LLVM version ('{version.Description}'): Enzyme.Sdk needs rustc's LLVM back end. Set EnzymeRustc to an LLVM-based rustc.");
            return false;
        }
        if (major > EngineLlvmMajor)
        {
            LogError(DiagnosticCodes.RustcLlvmTooNew,
                $"rustc {version.Release} at '{rustc}' is built on LLVM {version.LlvmVersion}, newer than the LLVM {EngineLlvmMajor} of Enzyme.Sdk's engine, which cannot read its bitcode. " +
                $"Use a rustc built on LLVM {EngineLlvmMajor} or older (rustc 1.95: rustup toolchain install 1.95.0) and point EnzymeRustc at it.");
            return false;
        }
        RustcPath = rustc;
        RustcDescription = $"{version.Release} LLVM {version.LlvmVersion}";
        Log.LogMessage(MessageImportance.Low, "Enzyme: rustc {0} (LLVM {1}) at {2}", version.Release, version.LlvmVersion, rustc);
        return true;
    }

    private string? Locate(out string searched)
    {
        string property = PropertyPath.Trim();
        string[] path = (SearchPath.Length > 0 ? SearchPath : Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (property.Length > 0)
        {
            // A path when it names a folder, else a command name looked up on PATH.
            if (property.Contains('/'))
            {
                string full = Path.GetFullPath(property);
                searched = $"EnzymeRustc is '{full}', which does not exist";
                return File.Exists(full) ? full : null;
            }
            searched = $"EnzymeRustc is '{property}', which is not on PATH";
            return path.Select(folder => Path.Combine(folder, property)).FirstOrDefault(File.Exists);
        }
        string home = HomeDirectory.Length > 0 ? HomeDirectory : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string cargo = Path.Combine(home, ".cargo", "bin");
        searched = $"EnzymeRustc is not set, and neither PATH nor {cargo} has rustc";
        return path.Append(cargo).Select(folder => Path.Combine(folder, "rustc")).FirstOrDefault(File.Exists);
    }

    private void LogError(string code, string message) =>
        Log.LogError(null, code, null, ProjectFile.Length > 0 ? ProjectFile : null, 0, 0, 0, 0, "{0}", message);
}
