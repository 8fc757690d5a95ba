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
        // The depfile is registered before the bitcode, so it is renamed into place first: a .bc never exists
        // without the complete list of the module files it was compiled from.
        arguments.Add($"--emit=dep-info={TemporaryOutput(Source.GetMetadata("DependencyFile"))},llvm-bc={TemporaryOutput(bitcode)}");
        // rustc's own intermediate files go to a folder of this source's, not to the working folder.
        string scratch = Path.ChangeExtension(Path.GetFullPath(bitcode), ".rustc");
        Directory.CreateDirectory(scratch);
        arguments.AddRange(["--out-dir", scratch]);
        arguments.AddRange(ArgumentSplitter.Split(RustFlags));
        arguments.AddRange(ArgumentSplitter.Split(Source.GetMetadata("AdditionalOptions")));
        arguments.Add(source);
        return arguments;
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
