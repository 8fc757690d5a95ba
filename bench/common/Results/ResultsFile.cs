using System.Text.Json;

namespace Bench.Common;

/// <summary>Writes <c>bench/results/&lt;benchmark&gt;.json</c>, the file the report is built from.</summary>
public static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>
    /// Writes the rows to <paramref name="path"/>, or, when it is null, to <c>results/</c> next to
    /// the project folder: found by walking up from the executable, so the result lands in the same
    /// place whatever the working directory of <c>dotnet run</c>.
    /// </summary>
    public static string Write(string benchmark, IReadOnlyList<ResultRow> rows, string? path)
    {
        path ??= Path.Combine(FindBenchDirectory(), "results", benchmark + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new ResultsDocument(benchmark, rows);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options) + Environment.NewLine);
        return path;
    }

    private static string FindBenchDirectory()
    {
        string projectFile = typeof(ResultsFile).Assembly.GetName().Name + ".csproj";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, projectFile)) && directory.Parent is not null)
            {
                return directory.Parent.FullName;
            }
        }
        throw new InvalidOperationException($"{projectFile} not found above {AppContext.BaseDirectory}; pass --out <file>.");
    }
}
