using System.Text.Json;

namespace Bench.Report;

/// <summary>Reads bench/results/: every <c>*.json</c> is a benchmark, except build-costs.json.</summary>
public static class ResultsLoader
{
    public const string BuildCostsFile = "build-costs.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        // A benchmark that measured nothing still writes its file; a missing list is empty.
        RespectRequiredConstructorParameters = false,
    };

    public static IReadOnlyList<BenchmarkResults> LoadBenchmarks(string resultsDirectory)
    {
        var benchmarks = new List<BenchmarkResults>();
        foreach (string path in Directory.GetFiles(resultsDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path) == BuildCostsFile)
            {
                continue;
            }
            BenchmarkResults results = JsonSerializer.Deserialize<BenchmarkResults>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path} is empty");
            if (string.IsNullOrEmpty(results.Benchmark) || results.Rows is null)
            {
                throw new InvalidDataException($"{path} has no benchmark name or no rows");
            }
            benchmarks.Add(results);
        }
        return benchmarks;
    }

    public static BuildCosts? LoadBuildCosts(string resultsDirectory)
    {
        string path = Path.Combine(resultsDirectory, BuildCostsFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<BuildCosts>(File.ReadAllText(path), Options) : null;
    }
}
