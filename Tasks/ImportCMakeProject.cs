using System.Text.RegularExpressions;
using Microsoft.Build.Framework;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Configures one CMake project with the LLVM 22 compilers (<c>cmake -S … -B …</c>, with
/// <c>CMAKE_EXPORT_COMPILE_COMMANDS</c> and a File API <c>codemodel-v2</c> query), reads which
/// sources its selected targets compile and with which flags (the File API reply; else
/// compile_commands.json), and writes them as <c>EnzymeSource</c> items to
/// <see cref="ImportFile"/>. Only configures: the CMake project is never built.
/// </summary>
public sealed partial class ImportCMakeProject : EnzymeToolTask
{
    private readonly List<string> _output = [];

    /// <summary>The project's <c>CMakeLists.txt</c>.</summary>
    [Required]
    public string CMakeListsFile { get; set; } = "";

    [Required]
    public string BuildDirectory { get; set; } = "";

    /// <summary>The generated MSBuild file with one <c>EnzymeSource</c> per translation unit.</summary>
    [Required]
    public string ImportFile { get; set; } = "";

    /// <summary>Touched after every successful import: the Output of the configure step.</summary>
    [Required]
    public string StampFile { get; set; } = "";

    /// <summary>CMake targets whose sources are imported; every library target when empty.</summary>
    public string[] Targets { get; set; } = [];

    /// <summary>Further <c>cmake</c> configure arguments, e.g. <c>-DUSE_FAST_MATH=ON</c> (whitespace-separated, quotes group).</summary>
    public string ConfigureOptions { get; set; } = "";

    /// <summary><c>EnzymeCMakePath</c>: a path, or a name looked up on PATH (default <c>cmake</c>).</summary>
    public string CMakePath { get; set; } = "";

    protected override string ToolName => "cmake";

    protected override string GenerateFullPathToTool()
    {
        string cmake = string.IsNullOrWhiteSpace(CMakePath) ? "cmake" : CMakePath.Trim();
        if (cmake.Contains(Path.DirectorySeparatorChar))
        {
            return Path.GetFullPath(cmake);
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, cmake))
            .FirstOrDefault(File.Exists) ?? cmake;
    }

    protected override bool ValidateParameters()
    {
        string cmake = GenerateFullPathToTool();
        if (!File.Exists(cmake))
        {
            LogProjectError(DiagnosticCodes.CMakeNotFound,
                $"cmake was not found ('{cmake}'), and it is needed to import '{CMakeListsFile}'. Install it with: apt-get install -y cmake, or set the EnzymeCMakePath property to the cmake executable.");
            return false;
        }
        return !Log.HasLoggedErrors;
    }

    public override bool Execute()
    {
        Directory.CreateDirectory(BuildDirectory);
        CMakeFileApiReader.WriteQuery(BuildDirectory);
        if (!base.Execute())
        {
            return false;
        }
        var targets = ArgumentSplitter.SplitList(Targets).Distinct().ToList();
        try
        {
            IReadOnlyList<ImportedTranslationUnit> units =
                CMakeFileApiReader.TryRead(BuildDirectory, targets)
                ?? CompileCommandsReader.TryRead(BuildDirectory, targets)
                ?? throw new CMakeImportException(
                    $"cmake configured '{BuildDirectory}' but left neither a File API reply nor compile_commands.json (is the generator one that writes them, e.g. Unix Makefiles or Ninja?). Pass a generator with ConfigureOptions=\"-G Ninja\".");
            if (units.Count == 0)
            {
                throw new CMakeImportException(targets.Count == 0
                    ? "the CMake project has no library target that compiles a source. Name the targets to import in the Targets metadata of the EnzymeCMakeProject item."
                    : $"the targets {string.Join(", ", targets)} compile no source.");
            }
            bool changed = ImportedSourcesFile.Write(ImportFile, CMakeListsFile, units);
            Log.LogMessage(MessageImportance.Normal, "Enzyme: {0} translation unit(s) imported from {1} into {2}{3}",
                units.Count, CMakeListsFile, ImportFile, changed ? "" : " (unchanged)");
        }
        catch (CMakeImportException e)
        {
            Log.LogError(null, DiagnosticCodes.CMakeImportFailed, null, CMakeListsFile, 0, 0, 0, 0, "{0}: {1}", CMakeListsFile, e.Message);
            return false;
        }
        File.WriteAllText(StampFile, "");
        return true;
    }

    protected override IReadOnlyList<string> BuildArguments()
    {
        var arguments = new List<string>
        {
            "-S", Path.GetDirectoryName(Path.GetFullPath(CMakeListsFile))!,
            "-B", Path.GetFullPath(BuildDirectory),
            "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
            "-DCMAKE_C_COMPILER=" + LlvmTool("clang"),
            "-DCMAKE_CXX_COMPILER=" + LlvmTool("clang++"),
        };
        // Only when present: a toolchain without flang still imports C and C++ projects.
        if (File.Exists(LlvmTool("flang")))
        {
            arguments.Add("-DCMAKE_Fortran_COMPILER=" + LlvmTool("flang"));
        }
        arguments.AddRange(ArgumentSplitter.Split(ConfigureOptions));
        return arguments;
    }

    /// <summary>cmake's output is kept for the error and logged as messages: its lines are not in a format MSBuild reads.</summary>
    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        _output.Add(singleLine);
        Log.LogMessage(MessageImportance.Low, "{0}", singleLine);
    }

    protected override bool HandleTaskExecutionErrors()
    {
        // Point at the first "CMake Error at file:line" so an IDE opens the CMake script there.
        string file = CMakeListsFile;
        int line = 0;
        foreach (string text in _output)
        {
            Match match = CMakeErrorLocation().Match(text);
            if (match.Success)
            {
                file = Path.GetFullPath(match.Groups["file"].Value, Path.GetDirectoryName(Path.GetFullPath(CMakeListsFile))!);
                line = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            }
        }
        string tail = string.Join("\n", _output.Where(l => l.Trim().Length > 0).TakeLast(40));
        Log.LogError(null, DiagnosticCodes.CMakeConfigureFailed, null, file, line, 0, 0, 0,
            "{0}",
            $"cmake could not configure '{CMakeListsFile}' (exit code {ExitCode}). Fix the CMake project or the ConfigureOptions of its EnzymeCMakeProject item; the command was: cmake {string.Join(" ", Arguments)}\n{tail}");
        return false;
    }

    [GeneratedRegex(@"^CMake Error at (?<file>.+?):(?<line>\d+) \(")]
    private static partial Regex CMakeErrorLocation();
}
