using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Links the differentiated object into <c>lib&lt;Name&gt;.so</c> with ld.lld: libm always, the C++
/// runtime when a source is C++, the Fortran runtime (flang as the driver) when one is Fortran.
/// <c>-z defs</c> turns a missing symbol into a build error rather than a load failure.
/// For a Windows target (mingw-w64 triple), <c>&lt;Name&gt;.dll</c> exporting every global function,
/// with libgcc and libstdc++ linked statically: the DLL then imports only KERNEL32.dll and
/// msvcrt.dll, which every Windows has (lld reports undefined symbols there by default).
/// </summary>
public sealed class LinkSharedLibrary : EnzymeToolTask
{
    [Required]
    public ITaskItem[] ObjectFiles { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = "";

    public bool LinkCxxRuntime { get; set; }

    public bool LinkFortranRuntime { get; set; }

    /// <summary>Further linker driver options (<c>EnzymeLinkOptions</c>), e.g. <c>-lfoo -L/opt/foo/lib</c>.</summary>
    public string AdditionalOptions { get; set; } = "";

    /// <summary>The clang triple of a cross target; empty for the build machine.</summary>
    public string TargetTriple { get; set; } = "";

    private bool TargetsWindows => TargetTriple.Contains("windows", StringComparison.Ordinal) || TargetTriple.Contains("mingw", StringComparison.Ordinal);

    protected override string ToolName => LinkFortranRuntime ? "flang" : "clang";

    protected override string GenerateFullPathToTool() => LlvmTool(ToolName);

    protected override IReadOnlyList<string> BuildArguments()
    {
        string output = Path.GetFullPath(OutputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var arguments = new List<string>();
        if (TargetTriple.Trim().Length > 0)
        {
            arguments.Add("--target=" + TargetTriple.Trim());
        }
        arguments.AddRange(["-shared", "-fuse-ld=lld", "-o", TemporaryOutput(output)]);
        arguments.AddRange(ObjectFiles.Select(o => Path.GetFullPath(o.ItemSpec)));
        if (TargetsWindows)
        {
            arguments.AddRange(["-Wl,--export-all-symbols", "-static-libgcc"]);
        }
        else
        {
            arguments.AddRange(["-Wl,-soname," + Path.GetFileName(output), "-Wl,-z,defs"]);
        }
        arguments.AddRange(ArgumentSplitter.Split(AdditionalOptions));
        if (LinkCxxRuntime)
        {
            arguments.AddRange(TargetsWindows ? ["-Wl,-Bstatic", "-lstdc++", "-Wl,-Bdynamic"] : ["-lstdc++"]);
        }
        arguments.Add("-lm");
        return arguments;
    }
}
