using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>Finds what a build left in a project's bin/ and obj/ folders, without assuming its exact layout.</summary>
public static class BuildOutputs
{
    /// <summary>The single file named <paramref name="fileName"/> under <paramref name="directory"/> (any depth).</summary>
    public static string Single(string directory, string fileName)
    {
        string[] matches = Directory.Exists(directory)
            ? Directory.GetFiles(directory, fileName, SearchOption.AllDirectories)
            : [];
        Assert.That(matches, Has.Length.EqualTo(1), $"expected exactly one {fileName} under {directory}; files there:\n{Listing(directory)}");
        return matches[0];
    }

    /// <summary>
    /// The bitcode compiled from one source file: the .bc under obj/ named after the source's stem
    /// ("a.bc", "a.c.bc", "native_a.c.bc" for native/a.c), so the layout of obj/ may vary.
    /// </summary>
    public static string BitcodeFor(string objDirectory, string sourceStem)
    {
        var name = new Regex($@"(^|[_.\-]){Regex.Escape(sourceStem)}(\.c)?\.bc$");
        string[] matches = Directory.Exists(objDirectory)
            ? Directory.GetFiles(objDirectory, "*.bc", SearchOption.AllDirectories)
                .Where(path => name.IsMatch(Path.GetFileName(path)))
                .ToArray()
            : [];
        Assert.That(matches, Has.Length.EqualTo(1), $"expected one bitcode file for {sourceStem}.c under {objDirectory}; files there:\n{Listing(objDirectory)}");
        return matches[0];
    }

    public static string Listing(string directory) => Directory.Exists(directory)
        ? string.Join('\n', Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(directory, path)))
        : $"({directory} does not exist)";
}
