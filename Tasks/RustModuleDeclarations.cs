using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// The module files a Rust source names with <c>mod NAME;</c> (<c>NAME.rs</c> or <c>NAME/mod.rs</c> next to a crate
/// root or <c>mod.rs</c>, under <c>STEM/</c> next to any other file, or a <c>#[path]</c>), so that a glob such as
/// <c>native/*.rs</c> can list a crate root and its module files and only the root is compiled. Comments are not
/// parsed away: a <c>mod x;</c> inside one only makes the SDK skip a file that would not have been a crate anyway.
/// </summary>
public static partial class RustModuleDeclarations
{
    /// <summary>Full paths of the files <paramref name="source"/> declares as modules (existing or not), and theirs, recursively.</summary>
    public static IReadOnlySet<string> ModuleFiles(string source)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        Collect(Path.GetFullPath(source), isModuleRoot: true, files);
        return files;
    }

    private static void Collect(string file, bool isModuleRoot, HashSet<string> files)
    {
        if (!File.Exists(file))
        {
            return;
        }
        string directory = Path.GetDirectoryName(file)!;
        string children = isModuleRoot ? directory : Path.Combine(directory, Path.GetFileNameWithoutExtension(file));
        foreach (Match declaration in ModuleDeclaration().Matches(File.ReadAllText(file)))
        {
            string name = declaration.Groups["name"].Value;
            string[] candidates = declaration.Groups["path"].Success
                ? [Path.GetFullPath(Path.Combine(directory, declaration.Groups["path"].Value))]
                : [Path.Combine(children, name + ".rs"), Path.Combine(children, name, "mod.rs")];
            foreach (string candidate in candidates)
            {
                if (files.Add(candidate))
                {
                    Collect(candidate, isModuleRoot: Path.GetFileName(candidate) == "mod.rs", files);
                }
            }
        }
    }

    [GeneratedRegex(@"(?:#\s*\[\s*path\s*=\s*""(?<path>[^""]*)""\s*\]\s*)?(?:pub(?:\s*\([^)]*\))?\s+)?\bmod\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*;")]
    private static partial Regex ModuleDeclaration();
}
