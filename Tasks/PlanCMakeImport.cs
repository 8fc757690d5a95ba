using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Decides, for each <c>EnzymeCMakeProject</c>, its build folder, the files of its import and
/// the files whose change means CMake must configure again: every <c>CMakeLists.txt</c> and
/// <c>*.cmake</c> of the project, and an options file that records what is in no file (the
/// targets, the configure options, cmake and the LLVM toolchain), rewritten only when they change.
/// No process is run, so this can run at every build.
/// </summary>
public sealed class PlanCMakeImport : Microsoft.Build.Utilities.Task
{
    /// <summary>The <c>EnzymeCMakeProject</c> items (Include = a <c>CMakeLists.txt</c>; Targets, ConfigureOptions).</summary>
    [Required]
    public ITaskItem[] Projects { get; set; } = [];

    /// <summary><c>$(IntermediateOutputPath)enzyme/cmake/</c>.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>What configures: recorded so that changing it configures again.</summary>
    public string CMakePath { get; set; } = "";

    public string LlvmRoot { get; set; } = "";

    /// <summary>Folders never searched for CMake inputs (the project's bin/ and obj/, which hold generated .cmake files).</summary>
    public string[] ExcludedDirectories { get; set; } = [];

    public string ProjectFile { get; set; } = "";

    /// <summary>
    /// One item per project (Include = full path of its CMakeLists.txt) with metadata
    /// SourceDirectory, BuildDirectory, ImportFile, StampFile, OptionsFile, InputFiles, Targets,
    /// ConfigureOptions.
    /// </summary>
    [Output]
    public ITaskItem[] PlannedProjects { get; set; } = [];

    public override bool Execute()
    {
        var planned = new List<ITaskItem>();
        var excluded = ExcludedDirectories.Where(d => d.Length > 0).Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).ToList();
        foreach (ITaskItem project in Projects)
        {
            string cmakeLists = Path.GetFullPath(project.ItemSpec);
            if (Directory.Exists(cmakeLists))
            {
                cmakeLists = Path.Combine(cmakeLists, "CMakeLists.txt");
            }
            if (!File.Exists(cmakeLists))
            {
                Log.LogError(null, DiagnosticCodes.CMakeImportFailed, null, ProjectFile.Length > 0 ? ProjectFile : null, 0, 0, 0, 0,
                    "EnzymeCMakeProject '{0}': '{1}' does not exist. Include must name a CMakeLists.txt (or the folder holding it).", project.ItemSpec, cmakeLists);
                continue;
            }
            string sourceDirectory = Path.GetDirectoryName(cmakeLists)!;
            string name = $"{Path.GetFileName(sourceDirectory)}-{ShortHash(cmakeLists)}";
            string directory = Path.GetFullPath(OutputDirectory);
            string buildDirectory = Path.Combine(directory, name);
            string targets = string.Join(";", ArgumentSplitter.SplitList([project.GetMetadata("Targets")]));
            string configureOptions = project.GetMetadata("ConfigureOptions").Trim();
            string optionsFile = Path.Combine(directory, name + ".options");
            WriteIfChanged(optionsFile,
                $"cmakelists={cmakeLists}\ncmake={CMakePath}\nllvm={LlvmRoot}\ntargets={targets}\noptions={configureOptions}\n");

            var item = new TaskItem(cmakeLists);
            item.SetMetadata("SourceDirectory", sourceDirectory);
            item.SetMetadata("BuildDirectory", buildDirectory);
            item.SetMetadata("ImportFile", Path.Combine(directory, name + ".props"));
            item.SetMetadata("StampFile", Path.Combine(directory, name + ".configured"));
            item.SetMetadata("OptionsFile", optionsFile);
            item.SetMetadata("InputFiles", string.Join(";", CMakeInputs(sourceDirectory, [buildDirectory, .. excluded])));
            item.SetMetadata("Targets", targets);
            item.SetMetadata("ConfigureOptions", configureOptions);
            planned.Add(item);
        }
        PlannedProjects = planned.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>
    /// The CMake scripts of the project. Build trees inside it (a folder with a CMakeCache.txt),
    /// hidden folders and the excluded ones are skipped: their files change with every configure.
    /// </summary>
    private static IEnumerable<string> CMakeInputs(string sourceDirectory, IReadOnlyList<string> excluded)
    {
        var pending = new Stack<string>([sourceDirectory]);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(directory))
            {
                string fileName = Path.GetFileName(file);
                if (fileName == "CMakeLists.txt" || fileName.EndsWith(".cmake", StringComparison.Ordinal))
                {
                    yield return file;
                }
            }
            foreach (string child in Directory.EnumerateDirectories(directory))
            {
                string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(child));
                bool skipped = Path.GetFileName(full).StartsWith('.')
                    || File.Exists(Path.Combine(full, "CMakeCache.txt"))
                    || excluded.Any(e => full == e || full.StartsWith(e + Path.DirectorySeparatorChar, StringComparison.Ordinal));
                if (!skipped)
                {
                    pending.Push(full);
                }
            }
        }
    }

    private static string ShortHash(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..10];

    private static void WriteIfChanged(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
