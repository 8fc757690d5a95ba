using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Compiles one Rust crate root to LLVM bitcode with rustc: a staticlib crate (so that everything but the
/// exported <c>#[no_mangle]</c> functions is internal, as in a C translation unit), at <c>-C opt-level=2</c> without
/// vectorising or partial unrolling (the engine's pipeline does those after differentiating, as for C),
/// <c>-C panic=abort</c> (a panic ends the process: no unwinding edges in the code the engine differentiates),
/// one codegen unit (one module), line tables, and <c>--emit=dep-info</c> so that the next build knows the
/// module files the crate read. std's generic code is monomorphised into the bitcode; its compiled code is
/// linked from the runtime staticlib (<see cref="BuildRustRuntime"/>).
/// </summary>
public sealed class CompileRustToBitcode : EnzymeToolTask
{
    /// <summary>The crate root, as planned by <see cref="PlanBitcodeCompilation"/> (BitcodeFile, DependencyFile; Edition and AdditionalOptions metadata).</summary>
    [Required]
    public ITaskItem Source { get; set; } = null!;

    /// <summary>rustc, as found by <see cref="ResolveRustCompiler"/>.</summary>
    [Required]
    public string RustcPath { get; set; } = "";

    /// <summary>Project-wide rustc options (<c>EnzymeRustFlags</c>), before the item's AdditionalOptions.</summary>
    public string RustFlags { get; set; } = "";

    /// <summary>The flags the SDK compiles every crate with; <see cref="BuildRustRuntime"/> must match the panic strategy.</summary>
    public static readonly IReadOnlyList<string> CodegenArguments =
    [
        "-C", "opt-level=2", "-C", "no-vectorize-loops", "-C", "no-vectorize-slp",
        "-C", "llvm-args=-unroll-runtime=false", "-C", "llvm-args=-unroll-allow-partial=false",
        "-C", "panic=abort", "-C", "codegen-units=1", "-C", "debuginfo=line-tables-only",
    ];

    protected override string ToolName => "rustc";

    protected override string GenerateFullPathToTool() => RustcPath;

    protected override string MissingToolAdvice =>
        $"Install rustc with: {DiagnosticCodes.RustInstallCommand}, or set the EnzymeRustc property to the rustc to use.";

    protected override IReadOnlyList<string> BuildArguments()
    {
        string source = Source.GetMetadata("FullSourcePath") is { Length: > 0 } full ? full : Path.GetFullPath(Source.ItemSpec);
        string bitcode = Source.GetMetadata("BitcodeFile");
        string edition = Source.GetMetadata("Edition").Trim();
        var arguments = new List<string>
        {
            "--edition=" + (edition.Length > 0 ? edition : "2021"),
            "--crate-type=staticlib",
            "--crate-name=" + CrateName(source),
            // Two crate roots of the same name (native/a/lib.rs, native/b/lib.rs) still get distinct symbols.
            "-C", "metadata=" + PathHash(source),
        };
        arguments.AddRange(CodegenArguments);
        arguments.AddRange(["--error-format=short", "--color=never"]);
        // rustc splits --emit on ',', so it writes into a scratch folder named by a hash, given relative to its
        // working folder (the bitcode folder): a ',' in the project's path cannot reach it. The files are moved into
        // place when rustc succeeds (ExecuteTool); its own intermediate files go there too.
        string scratch = ScratchFolderName;
        Directory.CreateDirectory(Path.Combine(BitcodeFolder, scratch));
        arguments.Add($"--emit=dep-info={scratch}/{ScratchDependencyFile},llvm-bc={scratch}/{ScratchBitcodeFile}");
        arguments.AddRange(["--out-dir", scratch]);
        arguments.AddRange(ArgumentSplitter.Split(RustFlags));
        arguments.AddRange(ArgumentSplitter.Split(Source.GetMetadata("AdditionalOptions")));
        arguments.Add(source);
        return arguments;
    }

    private const string ScratchBitcodeFile = "crate.bc";
    private const string ScratchDependencyFile = "crate.d";

    private string BitcodeFolder => Path.GetDirectoryName(Path.GetFullPath(Source.GetMetadata("BitcodeFile")))!;

    private string ScratchFolderName => "rustc-" + PathHash(Path.GetFullPath(Source.GetMetadata("BitcodeFile")));

    protected override string GetWorkingDirectory() => BitcodeFolder;

    /// <summary>
    /// Runs rustc, then moves its outputs into place, the depfile first: a .bc never exists without the complete list
    /// of the module files it was compiled from. A failed run leaves neither (and the old ones as they were).
    /// </summary>
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        string scratch = Path.Combine(BitcodeFolder, ScratchFolderName);
        string scratchBitcode = Path.Combine(scratch, ScratchBitcodeFile), scratchDependencies = Path.Combine(scratch, ScratchDependencyFile);
        try
        {
            int exitCode = base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
            if (exitCode != 0)
            {
                return exitCode;
            }
            if (!File.Exists(scratchBitcode) || !File.Exists(scratchDependencies))
            {
                LogProjectError(DiagnosticCodes.ToolFailed, $"rustc exited with code 0 but did not write '{scratchBitcode}' and '{scratchDependencies}'. Command: {pathToTool} {commandLineCommands}");
                return -1;
            }
            File.Move(scratchDependencies, Path.GetFullPath(Source.GetMetadata("DependencyFile")), overwrite: true);
            File.Move(scratchBitcode, Path.GetFullPath(Source.GetMetadata("BitcodeFile")), overwrite: true);
            return 0;
        }
        finally
        {
            File.Delete(scratchBitcode);
            File.Delete(scratchDependencies);
        }
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (RustDiagnostic.TryParse(singleLine) is { } diagnostic)
        {
            string? code = diagnostic.Code.Length > 0 ? diagnostic.Code : null;
            if (diagnostic.IsError)
            {
                Log.LogError(null, code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, "{0}", diagnostic.Message);
            }
            else
            {
                Log.LogWarning(null, code, null, diagnostic.File, diagnostic.Line, diagnostic.Column, 0, 0, "{0}", diagnostic.Message);
            }
            return;
        }
        if (RustDiagnostic.IsSummary(singleLine))
        {
            Log.LogMessage(MessageImportance.Normal, "{0}", singleLine);
            return;
        }
        base.LogEventsFromTextOutput(singleLine, messageImportance);
    }

    /// <summary>The file's stem as a crate name: rustc takes only letters, digits and '_'.</summary>
    public static string CrateName(string source)
    {
        var name = new StringBuilder();
        foreach (char c in Path.GetFileNameWithoutExtension(source))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }
        return name.ToString();
    }

    private static string PathHash(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..16];
}
