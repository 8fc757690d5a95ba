using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Runs <c>enzyme-ad bindings --c-header</c>: libclang reads the same declarations as
/// <see cref="GenerateBindings"/> and writes a C header with the prototypes of every exported
/// function and every <c>EnzymeGradient</c>, for C and C++ projects that link the library.
/// </summary>
public sealed class GenerateCHeader : EnzymeAdToolTask
{
    /// <summary>C/C++ sources and headers whose declarations are written.</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>The library's name, which names the include guard and the header comment.</summary>
    [Required]
    public string LibraryName { get; set; } = "";

    /// <summary>Include folders and definitions the sources need to parse.</summary>
    public string[] IncludeDirectories { get; set; } = [];

    /// <summary>
    /// Definitions: items of a transform of each source's Defines metadata, so one item may hold
    /// several, separated by the ';' MSBuild kept escaped apart from a ';' inside a value (%3B).
    /// </summary>
    public ITaskItem[] Defines { get; set; } = [];

    protected override IReadOnlyList<string> BuildArguments()
    {
        string output = Path.GetFullPath(OutputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var arguments = new List<string> { EnzymeAdPath, "bindings", "--c-header", output, "--library", LibraryName };
        arguments.AddRange(GradientArguments());
        foreach (string directory in ArgumentSplitter.SplitList(IncludeDirectories).Distinct())
        {
            arguments.AddRange(["--clang-arg", "-I" + Path.GetFullPath(directory)]);
        }
        foreach (string define in ArgumentSplitter.SplitItems(Defines).Distinct())
        {
            arguments.AddRange(["--clang-arg", "-D" + define]);
        }
        arguments.AddRange(Sources.Select(s => Path.GetFullPath(s.ItemSpec)).Distinct());
        return arguments;
    }
}
