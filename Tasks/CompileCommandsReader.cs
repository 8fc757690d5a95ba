using System.Text.Json;
using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Reads <c>compile_commands.json</c> (<c>CMAKE_EXPORT_COMPILE_COMMANDS</c>), the fallback when
/// the File API reply is missing. It does not name targets, so a command's target is taken from
/// its object file, which CMake puts in <c>CMakeFiles/&lt;target&gt;.dir/</c>.
/// </summary>
public static partial class CompileCommandsReader
{
    /// <summary>
    /// The translation units of <paramref name="targets"/> (every command when empty), or null
    /// when the build folder has no compile_commands.json.
    /// </summary>
    /// <exception cref="CMakeImportException">A target has no command, or the file is malformed.</exception>
    public static IReadOnlyList<ImportedTranslationUnit>? TryRead(string buildDirectory, IReadOnlyCollection<string> targets)
    {
        string path = Path.Combine(buildDirectory, "compile_commands.json");
        if (!File.Exists(path))
        {
            return null;
        }
        var units = new List<ImportedTranslationUnit>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            foreach (JsonElement entry in document.RootElement.EnumerateArray())
            {
                string directory = entry.GetProperty("directory").GetString()!;
                string file = Path.GetFullPath(entry.GetProperty("file").GetString()!, directory);
                IReadOnlyList<string> words = entry.TryGetProperty("arguments", out JsonElement arguments)
                    ? arguments.EnumerateArray().Select(a => a.GetString()!).ToList()
                    : ShellWordSplitter.Split(entry.GetProperty("command").GetString()!);
                // Everything but the compiler itself and the source (output options are dropped by the classifier).
                var options = words.Skip(1).Where(w => Path.GetFullPath(w, directory) != file).ToList();
                string output = entry.TryGetProperty("output", out JsonElement outputElement) ? outputElement.GetString()! : OutputOf(words);
                string target = TargetOf(output);
                if (targets.Count > 0 && !targets.Contains(target))
                {
                    continue;
                }
                string language = SourceLanguages.Name(SourceLanguages.FromExtension(Path.GetExtension(file)));
                units.Add(new ImportedTranslationUnit(file, language, target, CompileFlagClassifier.Classify(options, directory)));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new CMakeImportException($"'{path}' could not be read ({e.Message}); delete the folder '{buildDirectory}' to configure afresh.");
        }
        var missing = targets.Where(t => units.All(u => u.Target != t)).ToList();
        if (missing.Count > 0)
        {
            throw new CMakeImportException(
                $"compile_commands.json in '{buildDirectory}' has no command for target {string.Join(", ", missing.Select(m => $"'{m}'"))}. Correct the Targets metadata of the EnzymeCMakeProject item.");
        }
        return units;
    }

    private static string OutputOf(IReadOnlyList<string> words)
    {
        int o = words.ToList().IndexOf("-o");
        return o >= 0 && o + 1 < words.Count ? words[o + 1] : "";
    }

    private static string TargetOf(string output)
    {
        Match match = TargetDirectory().Match(output.Replace('\\', '/'));
        return match.Success ? match.Groups["target"].Value : "";
    }

    [GeneratedRegex(@"CMakeFiles/(?<target>[^/]+)\.dir/")]
    private static partial Regex TargetDirectory();
}
