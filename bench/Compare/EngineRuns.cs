using Bench.Report;

namespace Bench.Compare;

/// <summary>
/// Every results file of one engine build: <c>&lt;runs&gt;/&lt;side&gt;/round-&lt;k&gt;/*.json</c>, one
/// list of benchmarks per round, rounds in the order they ran.
/// </summary>
public sealed record EngineRuns(string Side, IReadOnlyList<IReadOnlyList<BenchmarkResults>> Rounds)
{
    public static EngineRuns Load(string runsDirectory, string side)
    {
        string directory = Path.Combine(runsDirectory, side);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no results for the {side} build: {directory} is missing");
        }
        // round-10 after round-9: ordered by the number, not the name.
        List<string> roundDirectories = Directory.GetDirectories(directory, "round-*")
            .OrderBy(path => int.TryParse(Path.GetFileName(path)["round-".Length..], out int round) ? round : int.MaxValue)
            .ToList();
        if (roundDirectories.Count == 0)
        {
            throw new DirectoryNotFoundException($"no round-<k> folder in {directory}");
        }
        return new EngineRuns(side, roundDirectories.Select(ResultsLoader.LoadBenchmarks).ToList());
    }

    /// <summary>
    /// Rows whose derivative was not verified: the benchmark exits with 1 when a check fails, so
    /// these should never reach here, but a timing of an unchecked derivative is not a result.
    /// </summary>
    public IEnumerable<string> UncheckedRows() =>
        Rounds.SelectMany((round, index) => round.SelectMany(benchmark => benchmark.Rows
            .Where(row => !row.Checked)
            .Select(row => $"{Side} round {index + 1}: {benchmark.Benchmark} {row.Case} {row.Tool} is not checked")));
}
