using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Links the differentiated object into <c>lib&lt;Name&gt;.so</c> with ld.lld: libm always, the C++
/// runtime when a source is C++, the Fortran runtime (flang as the driver) when one is Fortran.
/// <c>-z defs</c> turns a missing symbol into a build error rather than a load failure.
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

    protected override string ToolName => LinkFortranRuntime ? "flang" : "clang";

    protected override string GenerateFullPathToTool() => LlvmTool(ToolName);

    protected override IReadOnlyList<string> BuildArguments()
    {
        string output = Path.GetFullPath(OutputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var arguments = new List<string> { "-shared", "-fuse-ld=lld", "-o", TemporaryOutput(output) };
        arguments.AddRange(ObjectFiles.Select(o => Path.GetFullPath(o.ItemSpec)));
        arguments.AddRange(["-Wl,-soname," + Path.GetFileName(output), "-Wl,-z,defs"]);
        arguments.AddRange(ArgumentSplitter.Split(AdditionalOptions));
        if (LinkCxxRuntime)
        {
            arguments.Add("-lstdc++");
        }
        arguments.Add("-lm");
        return arguments;
    }
}
