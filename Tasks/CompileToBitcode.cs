using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Compiles one source to LLVM bitcode with the front end of its language (clang, clang++,
/// flang): <c>-c -emit-llvm -O2 -g -fPIC</c>, plus <c>-MD -MF</c> for C/C++ so that the next
/// build knows which headers it read.
/// </summary>
public sealed class CompileToBitcode : EnzymeToolTask
{
    /// <summary>The source, as planned by <see cref="PlanBitcodeCompilation"/> (Language, BitcodeFile, DependencyFile).</summary>
    [Required]
    public ITaskItem Source { get; set; } = null!;

    /// <summary>Project-wide and per-source include folders.</summary>
    public string[] IncludeDirectories { get; set; } = [];

    /// <summary>Preprocessor definitions, <c>NAME</c> or <c>NAME=VALUE</c>.</summary>
    public string[] Defines { get; set; } = [];

    /// <summary>Further options, split on whitespace (quotes group).</summary>
    public string AdditionalOptions { get; set; } = "";

    /// <summary>Language standard, e.g. <c>c17</c>, <c>c++20</c>, <c>f2018</c>.</summary>
    public string Std { get; set; } = "";

    /// <summary>Where flang writes and finds <c>.mod</c> files.</summary>
    public string FortranModuleDirectory { get; set; } = "";

    private SourceLanguage Language => SourceLanguages.FromName(Source.GetMetadata("Language"));

    protected override string ToolName => Language switch
    {
        SourceLanguage.Cxx => "clang++",
        SourceLanguage.Fortran => "flang",
        _ => "clang",
    };

    protected override string GenerateFullPathToTool() => LlvmTool(ToolName);

    protected override IReadOnlyList<string> BuildArguments()
    {
        string bitcode = Source.GetMetadata("BitcodeFile");
        Directory.CreateDirectory(Path.GetDirectoryName(bitcode)!);
        var arguments = new List<string> { "-c", "-emit-llvm", "-O2", "-g", "-fPIC" };
        if (Language == SourceLanguage.Fortran)
        {
            // flang has no -MD; its modules go to one folder every Fortran source searches.
            if (FortranModuleDirectory.Length > 0)
            {
                Directory.CreateDirectory(FortranModuleDirectory);
                arguments.AddRange(["-J", FortranModuleDirectory]);
            }
        }
        else
        {
            arguments.AddRange(["-MD", "-MF", Source.GetMetadata("DependencyFile"),
                "-fdiagnostics-absolute-paths", "-fno-color-diagnostics"]);
        }
        if (!string.IsNullOrWhiteSpace(Std))
        {
            arguments.Add("-std=" + Std.Trim());
        }
        foreach (string directory in ArgumentSplitter.SplitList(IncludeDirectories))
        {
            arguments.Add("-I" + Path.GetFullPath(directory));
        }
        foreach (string define in ArgumentSplitter.SplitList(Defines))
        {
            arguments.Add("-D" + define);
        }
        arguments.AddRange(ArgumentSplitter.Split(AdditionalOptions));
        arguments.Add(Source.GetMetadata("FullSourcePath") is { Length: > 0 } full ? full : Path.GetFullPath(Source.ItemSpec));
        arguments.AddRange(["-o", bitcode]);
        return arguments;
    }
}
