using System.Text.Json;

namespace GmmBench;

/// <summary>The whole of bench/results/&lt;name&gt;.json.</summary>
public sealed record BenchmarkResults(string Benchmark, IReadOnlyList<ResultRow> Rows)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + Environment.NewLine);
    }
}
