using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Builds the Rust runtime every library with Rust sources links: a staticlib of an empty crate, which holds
/// std, core and alloc (the non-generic code the crates' bitcode only declares: panics, formatting, the
/// allocator's <c>__rdl_*</c> functions) and the allocator shims (<c>__rust_alloc</c> and its siblings, which
/// rustc generates only for a final artifact). It is built once per rustc and panic strategy, and it defines
/// none of the crates' symbols, so linking it next to the differentiated object never duplicates one.
/// Writes rustc's list of the system libraries the staticlib needs (<c>--print native-static-libs</c>) next to it.
/// The archive is then made weak (<see cref="WeakenArchiveSymbols"/>), so that a crate's own allocator wins.
/// </summary>
public sealed class BuildRustRuntime : EnzymeToolTask
{
    [Required]
    public string RustcPath { get; set; } = "";

    /// <summary><c>lib&lt;name&gt;.a</c> to write.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>Where the system libraries are listed, one line of linker options.</summary>
    [Required]
    public string NativeLibrariesFile { get; set; } = "";

    protected override string ToolName => "rustc";

    protected override string GenerateFullPathToTool() => RustcPath;

    protected override string MissingToolAdvice =>
        $"Install rustc with: {DiagnosticCodes.RustInstallCommand}, or set the EnzymeRustc property to the rustc to use.";

    private const string ScratchLibrary = "runtime.tmp.a";
    private const string ScratchNativeLibraries = "native-static-libs.tmp.txt";
    private const string CrateFile = "enzyme_rust_runtime.rs";

    /// <summary>rustc runs in the runtime's folder and is given names relative to it: it splits --emit and --print on ','.</summary>
    private string Folder => Path.GetDirectoryName(Path.GetFullPath(OutputFile))!;

    protected override string GetWorkingDirectory() => Folder;

    protected override IReadOnlyList<string> BuildArguments()
    {
        Directory.CreateDirectory(Folder);
        string crate = Path.Combine(Folder, CrateFile);
        const string Text = "// The Rust runtime of an Enzyme.Sdk library: an empty crate whose staticlib carries std and the allocator shims.\n";
        if (!File.Exists(crate) || File.ReadAllText(crate) != Text)
        {
            File.WriteAllText(crate, Text);
        }
        var arguments = new List<string> { "--edition=2021", "--crate-type=staticlib", "--crate-name=enzyme_rust_runtime" };
        arguments.AddRange(CompileRustToBitcode.CodegenArguments);
        arguments.AddRange(["--error-format=short", "--color=never",
            "--print", "native-static-libs=" + ScratchNativeLibraries,
            "--emit=link=" + ScratchLibrary, "--out-dir", ".", CrateFile]);
        return arguments;
    }

    /// <summary>Runs rustc, then moves the list and the archive into place; a failed run leaves neither.</summary>
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        string library = Path.Combine(Folder, ScratchLibrary), nativeLibraries = Path.Combine(Folder, ScratchNativeLibraries);
        try
        {
            int exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
            if (exitCode != 0)
            {
                return exitCode;
            }
            if (!File.Exists(library) || !File.Exists(nativeLibraries))
            {
                LogProjectError(DiagnosticCodes.ToolFailed, $"rustc exited with code 0 but did not write '{library}' and '{nativeLibraries}'. Command: {pathToTool} {commandLineCommands}");
                return -1;
            }
            File.Move(nativeLibraries, Path.GetFullPath(NativeLibrariesFile), overwrite: true);
            File.Move(library, Path.GetFullPath(OutputFile), overwrite: true);
            return 0;
        }
        finally
        {
            File.Delete(library);
            File.Delete(nativeLibraries);
        }
    }
}
