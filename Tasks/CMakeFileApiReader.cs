using System.Text.Json;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Reads the reply of the CMake File API (<c>codemodel-v2</c>) that a configure left in
/// <c>&lt;build&gt;/.cmake/api/v1/reply/</c>: for each selected target its compiled sources and,
/// through their compile group, the language, include folders, definitions and remaining flags.
/// </summary>
public static class CMakeFileApiReader
{
    /// <summary>The client name of the query, so other File API clients of the same build folder do not interfere.</summary>
    public const string ClientName = "client-enzyme-sdk";

    private static readonly HashSet<string> LibraryTypes = ["STATIC_LIBRARY", "SHARED_LIBRARY", "MODULE_LIBRARY", "OBJECT_LIBRARY"];

    /// <summary>Writes the query CMake answers at the next configure.</summary>
    public static void WriteQuery(string buildDirectory)
    {
        string query = Path.Combine(buildDirectory, ".cmake", "api", "v1", "query", ClientName);
        Directory.CreateDirectory(query);
        string codemodel = Path.Combine(query, "codemodel-v2");
        if (!File.Exists(codemodel))
        {
            File.WriteAllText(codemodel, "");
        }
    }

    /// <summary>
    /// The translation units of <paramref name="targets"/> (every library target when empty), or
    /// null when the build folder holds no reply to this client's query.
    /// </summary>
    /// <exception cref="CMakeImportException">A target is missing, a source does not exist, or the reply is malformed.</exception>
    public static IReadOnlyList<ImportedTranslationUnit>? TryRead(string buildDirectory, IReadOnlyCollection<string> targets)
    {
        string replyDirectory = Path.Combine(buildDirectory, ".cmake", "api", "v1", "reply");
        // Index files are named by time; the newest is the last in ordinal order.
        string? index = Directory.Exists(replyDirectory)
            ? Directory.GetFiles(replyDirectory, "index-*.json").OrderBy(f => f, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (index is null)
        {
            return null;
        }
        try
        {
            using JsonDocument indexDocument = Parse(index);
            if (!indexDocument.RootElement.TryGetProperty("reply", out JsonElement reply)
                || !reply.TryGetProperty(ClientName, out JsonElement client)
                || !client.TryGetProperty("codemodel-v2", out JsonElement codemodelReference)
                || !codemodelReference.TryGetProperty("jsonFile", out JsonElement codemodelFile))
            {
                return null;
            }
            using JsonDocument codemodel = Parse(Path.Combine(replyDirectory, codemodelFile.GetString()!));
            string sourceDirectory = codemodel.RootElement.GetProperty("paths").GetProperty("source").GetString()!;
            // Single-configuration generators (the default) have exactly one configuration.
            JsonElement configuration = codemodel.RootElement.GetProperty("configurations")[0];
            var available = new List<(string Name, string JsonFile)>();
            foreach (JsonElement target in configuration.GetProperty("targets").EnumerateArray())
            {
                available.Add((target.GetProperty("name").GetString()!, target.GetProperty("jsonFile").GetString()!));
            }
            var missing = targets.Where(t => available.All(a => a.Name != t)).ToList();
            if (missing.Count > 0)
            {
                throw new CMakeImportException(
                    $"the CMake project has no target {string.Join(", ", missing.Select(m => $"'{m}'"))}; its targets are: {string.Join(", ", available.Select(a => a.Name).Order(StringComparer.Ordinal))}. Correct the Targets metadata of the EnzymeCMakeProject item.");
            }

            var units = new List<ImportedTranslationUnit>();
            foreach ((string name, string jsonFile) in available)
            {
                using JsonDocument target = Parse(Path.Combine(replyDirectory, jsonFile));
                string type = target.RootElement.GetProperty("type").GetString()!;
                bool selected = targets.Count > 0 ? targets.Contains(name) : LibraryTypes.Contains(type);
                if (selected)
                {
                    units.AddRange(ReadTarget(target.RootElement, name, sourceDirectory, buildDirectory));
                }
            }
            return units;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or IOException)
        {
            throw new CMakeImportException($"the CMake File API reply in '{replyDirectory}' could not be read ({e.Message}); delete the folder '{buildDirectory}' to configure afresh.");
        }
    }

    private static IEnumerable<ImportedTranslationUnit> ReadTarget(JsonElement target, string name, string sourceDirectory, string buildDirectory)
    {
        if (!target.TryGetProperty("compileGroups", out JsonElement groups))
        {
            yield break; // e.g. an INTERFACE or custom target: nothing is compiled
        }
        var groupList = groups.EnumerateArray().ToList();
        foreach (JsonElement source in target.GetProperty("sources").EnumerateArray())
        {
            if (!source.TryGetProperty("compileGroupIndex", out JsonElement groupIndex))
            {
                continue; // headers and other files listed but not compiled
            }
            string path = Path.GetFullPath(source.GetProperty("path").GetString()!, sourceDirectory);
            if (source.TryGetProperty("isGenerated", out JsonElement generated) && generated.GetBoolean() && !File.Exists(path))
            {
                throw new CMakeImportException(
                    $"target '{name}' compiles '{path}', which its CMake build generates and which does not exist yet. Build the CMake project once so it exists, or move the generation out of the target.");
            }
            JsonElement group = groupList[groupIndex.GetInt32()];
            yield return new ImportedTranslationUnit(path, LanguageName(group.GetProperty("language").GetString()!), name, ReadFlags(group, buildDirectory));
        }
    }

    private static ClassifiedCompileFlags ReadFlags(JsonElement group, string buildDirectory)
    {
        var arguments = new List<string>();
        if (group.TryGetProperty("compileCommandFragments", out JsonElement fragments))
        {
            foreach (JsonElement fragment in fragments.EnumerateArray())
            {
                arguments.AddRange(ShellWordSplitter.Split(fragment.GetProperty("fragment").GetString()!));
            }
        }
        // Fragments hold what is neither an include folder nor a definition (those are listed apart);
        // the compiler runs in the build folder, so relative paths in them are relative to it.
        ClassifiedCompileFlags fromFragments = CompileFlagClassifier.Classify(arguments, buildDirectory);
        var includes = new List<string>();
        if (group.TryGetProperty("includes", out JsonElement includeList))
        {
            includes.AddRange(includeList.EnumerateArray().Select(i => Path.GetFullPath(i.GetProperty("path").GetString()!, buildDirectory)));
        }
        var defines = new List<string>();
        if (group.TryGetProperty("defines", out JsonElement defineList))
        {
            defines.AddRange(defineList.EnumerateArray().Select(d => d.GetProperty("define").GetString()!));
        }
        return new ClassifiedCompileFlags(
            [.. includes, .. fromFragments.IncludeDirectories],
            [.. defines, .. fromFragments.Defines],
            fromFragments.Std,
            fromFragments.AdditionalOptions);
    }

    /// <summary>CMake's language names as <c>Language</c> metadata.</summary>
    public static string LanguageName(string cmakeLanguage) => cmakeLanguage switch
    {
        "CXX" => "C++",
        "Fortran" => "Fortran",
        "CUDA" => "CUDA",
        _ => cmakeLanguage,
    };

    private static JsonDocument Parse(string path) => JsonDocument.Parse(File.ReadAllText(path));
}
