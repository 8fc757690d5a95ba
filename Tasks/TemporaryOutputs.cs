using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// The files one tool run writes, each under a unique temporary name in its final folder and
/// renamed into place only when the tool succeeds, so that a build killed or failing midway never
/// leaves a half-written output that the next build's Inputs/Outputs check takes as up to date.
/// Temporary names are <c>.NAME.PID.GUID.tmpEXT</c>: the extension is kept because enzyme-ad picks
/// the output kind from it, and the id of the MSBuild process lets a later build delete what a
/// killed one left (including the tools' own temporaries, whose names start with ours).
/// </summary>
public sealed class TemporaryOutputs
{
    private readonly List<(string Temporary, string Final)> _files = [];
    private readonly string _token = $"{Environment.ProcessId}.{Guid.NewGuid():N}";

    /// <summary>The finals, in the order they were added (and are renamed).</summary>
    public IEnumerable<string> FinalPaths => _files.Select(f => f.Final);

    /// <summary>Registers <paramref name="finalPath"/> and returns the path the tool is to write instead.</summary>
    public string Add(string finalPath)
    {
        string final = Path.GetFullPath(finalPath);
        string directory = Path.GetDirectoryName(final)!;
        string name = Path.GetFileName(final);
        Directory.CreateDirectory(directory);
        DeleteLeftovers(directory, name);
        string temporary = Path.Combine(directory, $".{name}.{_token}.tmp{Path.GetExtension(name)}");
        _files.Add((temporary, final));
        return temporary;
    }

    /// <summary>
    /// Renames every temporary onto its final path, in order (so a depfile lands before the bitcode
    /// it describes). Returns the finals the tool did not write; those are deleted rather than left
    /// stale, and nothing after the first missing one is renamed.
    /// </summary>
    public IReadOnlyList<string> Commit()
    {
        var missing = new List<string>();
        foreach ((string temporary, string final) in _files)
        {
            if (missing.Count == 0 && File.Exists(temporary))
            {
                File.Move(temporary, final, overwrite: true);
            }
            else
            {
                missing.Add(final);
                File.Delete(final);
            }
        }
        Discard();
        return missing;
    }

    /// <summary>Deletes this run's temporaries and any the tool derived from them; the finals are left as they were.</summary>
    public void Discard()
    {
        foreach (string directory in _files.Select(f => Path.GetDirectoryName(f.Final)!).Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (string file in Directory.EnumerateFiles(directory, "*" + _token + "*"))
            {
                TryDelete(file);
            }
        }
    }

    // Temporaries of NAME written by an MSBuild process that no longer runs: a build killed midway.
    // Those of live processes (another build of this project, however unwise) are left alone.
    private static void DeleteLeftovers(string directory, string name)
    {
        var pattern = new Regex($@"^\.+{Regex.Escape(name)}\.(?<pid>\d+)\.[0-9a-f]{{32}}\.tmp", RegexOptions.CultureInvariant);
        foreach (string file in Directory.EnumerateFiles(directory, "*" + name + ".*.tmp*"))
        {
            Match match = pattern.Match(Path.GetFileName(file));
            if (match.Success && int.TryParse(match.Groups["pid"].Value, out int pid) && !IsRunning(pid))
            {
                TryDelete(file);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary must not fail the build; the next one retries.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
