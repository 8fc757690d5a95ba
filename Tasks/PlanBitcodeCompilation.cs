using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Decides, for each <c>EnzymeSource</c>, its language, its bitcode and dependency files and the
/// files it depends on (read from the depfile of its last compile), so that the compile target can
/// batch per source and skip every source whose bitcode is newer than all its inputs.
/// </summary>
public sealed class PlanBitcodeCompilation : Microsoft.Build.Utilities.Task
{
    [Required]
    public ITaskItem[] Sources { get; set; } = [];

    /// <summary>Folder for the bitcode and dependency files (<c>$(IntermediateOutputPath)enzyme/bc/</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The project's folder: source paths are made unique relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    public string ProjectFile { get; set; } = "";

    /// <summary>Sources to compile, with metadata Language, BitcodeFile, DependencyFile, Dependencies.</summary>
    [Output]
    public ITaskItem[] CompileItems { get; set; } = [];

    /// <summary>Headers (declarations only): not compiled, read for the bindings.</summary>
    [Output]
    public ITaskItem[] Headers { get; set; } = [];

    /// <summary>Every file this step writes, for FileWrites.</summary>
    [Output]
    public ITaskItem[] FileWrites { get; set; } = [];

    [Output]
    public bool HasCxx { get; set; }

    [Output]
    public bool HasFortran { get; set; }

    /// <summary>A source is CUDA: its device code goes to the PTX pipeline.</summary>
    [Output]
    public bool HasCuda { get; set; }

    /// <summary>A source is a Rust crate root: rustc is needed, and std's code is linked from a runtime staticlib.</summary>
    [Output]
    public bool HasRust { get; set; }

    /// <summary>A source is C, C++ or Fortran: it goes into the native library.</summary>
    [Output]
    public bool HasNative { get; set; }

    public override bool Execute()
    {
        var compile = new List<ITaskItem>();
        var headers = new List<ITaskItem>();
        var writes = new List<ITaskItem>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string outputDirectory = Path.GetFullPath(OutputDirectory);

        // A Rust module file (native/geometry.rs of `mod geometry;` in native/springs.rs) is compiled with its crate
        // root, not as a crate of its own, so that native/*.rs may list both.
        var rustModules = Sources
            .Where(s => SourceLanguages.Resolve(s.ItemSpec, s.GetMetadata("Language")) == SourceLanguage.Rust)
            .SelectMany(s => RustModuleDeclarations.ModuleFiles(s.ItemSpec).Select(module => (Module: module, Root: s.ItemSpec)))
            .GroupBy(pair => pair.Module, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First().Root, StringComparer.Ordinal);
        foreach (ITaskItem source in Sources)
        {
            string path = Path.GetFullPath(source.ItemSpec);
            if (!seen.Add(path))
            {
                continue;
            }
            if (rustModules.TryGetValue(path, out string? root))
            {
                Log.LogMessage(MessageImportance.Normal, "Enzyme: {0} is a module of the crate {1}, compiled with it", source.ItemSpec, root);
                continue;
            }
            SourceLanguage language = SourceLanguages.Resolve(path, source.GetMetadata("Language"));
            var item = new TaskItem(source);
            // Paths are stored escaped (MSBuildEscaping): unescaped, a ';' in a folder or file name
            // would split them into two items wherever the engine expands them.
            item.SetMetadata("FullSourcePath", MSBuildEscaping.Escape(path));
            item.SetMetadata("Language", SourceLanguages.Name(language));
            switch (language)
            {
                case SourceLanguage.Header:
                    headers.Add(item);
                    continue;
                case SourceLanguage.Unknown:
                    LogSourceError(source, $"EnzymeSource '{source.ItemSpec}': the language of '{Path.GetExtension(path)}' files is not known. " +
                        "Set its Language metadata to C, C++, Fortran, Rust or Header, or use .c, .cpp/.cc/.cxx, .f/.f90/.F90, .rs or .h.");
                    continue;
            }

            string name = UniqueName(path, usedNames);
            string bitcode = Path.Combine(outputDirectory, name + ".bc");
            string dependencyFile = Path.Combine(outputDirectory, name + ".d");
            item.SetMetadata("BitcodeFile", MSBuildEscaping.Escape(bitcode));
            item.SetMetadata("DependencyFile", MSBuildEscaping.Escape(dependencyFile));
            item.SetMetadata("Dependencies", string.Join(";",
                DependencyFileReader.ReadPrerequisites(dependencyFile)
                    .Select(Path.GetFullPath)
                    .Where(d => d != path)
                    .Distinct(StringComparer.Ordinal)
                    .Select(MSBuildEscaping.Escape)));
            compile.Add(item);
            writes.Add(new TaskItem(MSBuildEscaping.Escape(bitcode)));
            writes.Add(new TaskItem(MSBuildEscaping.Escape(dependencyFile)));
            HasCxx |= language == SourceLanguage.Cxx;
            HasFortran |= language == SourceLanguage.Fortran;
            HasCuda |= language == SourceLanguage.Cuda;
            HasRust |= language == SourceLanguage.Rust;
            HasNative |= language != SourceLanguage.Cuda;
        }

        CompileItems = compile.ToArray();
        Headers = headers.ToArray();
        FileWrites = writes.ToArray();
        return !Log.HasLoggedErrors;
    }

    // native/rosen.c -> native_rosen.c; sources outside the project keep their full path flattened.
    private string UniqueName(string path, HashSet<string> used)
    {
        string relative = Path.GetRelativePath(ProjectDirectory, path);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            relative = path.TrimStart('/');
        }
        string baseName = relative.Replace('/', '_').Replace('\\', '_').Replace(':', '_');
        string name = baseName;
        for (int n = 2; !used.Add(name); n++)
        {
            name = $"{baseName}.{n}";
        }
        return name;
    }

    private void LogSourceError(ITaskItem source, string message) =>
        Log.LogError(null, DiagnosticCodes.UnsupportedSource, null, ProjectFile.Length > 0 ? ProjectFile : source.ItemSpec, 0, 0, 0, 0, "{0}", message);
}
