using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Runs <c>enzyme-ad bindings</c>: libclang reads the C/C++ declarations and writes
/// <c>[LibraryImport]</c> methods, with Span overloads, for every exported function and every
/// <c>EnzymeGradient</c>.
/// </summary>
public sealed class GenerateBindings : EnzymeAdToolTask
{
    /// <summary>C/C++ sources and headers whose declarations are bound.</summary>
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = "";

    [Required]
    public string LibraryName { get; set; } = "";

    [Required]
    public string Namespace { get; set; } = "";

    [Required]
    public string ClassName { get; set; } = "";

    /// <summary>Include folders and definitions the sources need to parse.</summary>
    public string[] IncludeDirectories { get; set; } = [];

    /// <summary>
    /// Definitions: items of a transform of each source's Defines metadata, so one item may hold
    /// several, separated by the ';' MSBuild kept escaped apart from a ';' inside a value (%3B).
    /// </summary>
    public ITaskItem[] Defines { get; set; } = [];

    /// <summary>The library is built for Windows too: C's <c>long</c> becomes <c>CLong</c> (32 bits there, 64 on Linux).</summary>
    public bool PortableCLong { get; set; }

    /// <summary>
    /// The TorchSharp layers file for the gradients with <c>Torch="true"</c>; empty when there are none.
    /// </summary>
    public string TorchOutputFile { get; set; } = "";

    protected override bool ValidateParameters()
    {
        if (string.IsNullOrWhiteSpace(Namespace))
        {
            LogProjectError(DiagnosticCodes.InvalidProperty, "EnzymeBindingsNamespace is empty and the project has no RootNamespace. Set EnzymeBindingsNamespace.");
        }
        return base.ValidateParameters();
    }

    protected override IReadOnlyList<string> BuildArguments()
    {
        string output = Path.GetFullPath(OutputFile);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var arguments = new List<string>
        {
            EnzymeAdPath, "bindings", "-o", output,
            "--library", LibraryName, "--namespace", Namespace, "--class", ClassName,
        };
        arguments.AddRange(GradientArguments());
        if (PortableCLong)
        {
            arguments.Add("--portable-c-long");
        }
        arguments.AddRange(GradientExtensionArguments.For(Gradients, TorchOutputFile));
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
