namespace Bench.Report;

/// <summary>A benchmark's results file, bench/results/&lt;name&gt;.json.</summary>
public sealed record BenchmarkResults(string Benchmark, IReadOnlyList<ResultRow> Rows)
{
    /// <summary>The cases in the order the benchmark wrote them.</summary>
    public IReadOnlyList<string> Cases => Rows.Select(row => row.Case).Distinct().ToList();

    public ResultRow? Find(string @case, string tool) =>
        Rows.FirstOrDefault(row => row.Case == @case && row.Tool == tool);
}
