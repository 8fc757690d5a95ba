using Bench.Report;

namespace Bench.Compare;

/// <summary>Pairs every (benchmark, case, tool) of the baseline build's runs with the current build's.</summary>
public static class EngineComparison
{
    public static IReadOnlyList<ComparisonRow> Build(EngineRuns baseline, EngineRuns current, IReadOnlySet<string> sameMachineCode)
    {
        var rows = new List<ComparisonRow>();
        IEnumerable<string> benchmarks = baseline.Rounds.Concat(current.Rounds)
            .SelectMany(round => round.Select(results => results.Benchmark))
            .Distinct()
            .Order(StringComparer.Ordinal);
        foreach (string benchmark in benchmarks)
        {
            // Cases and tools in the order the benchmark wrote them; a row one side lacks still
            // gets a line, with a dash for the missing side.
            IEnumerable<(string Case, string Tool)> keys = baseline.Rounds.Concat(current.Rounds)
                .SelectMany(round => Of(round, benchmark))
                .SelectMany(results => results.Rows.Select(row => (row.Case, row.Tool)))
                .Distinct();
            foreach ((string @case, string tool) in keys)
            {
                rows.Add(new ComparisonRow(benchmark, @case, tool,
                    Collect(baseline, benchmark, @case, tool), Collect(current, benchmark, @case, tool),
                    sameMachineCode.Contains(benchmark)));
            }
        }
        return rows;
    }

    private static IEnumerable<BenchmarkResults> Of(IReadOnlyList<BenchmarkResults> round, string benchmark) =>
        round.Where(results => results.Benchmark == benchmark);

    private static Samples Collect(EngineRuns runs, string benchmark, string @case, string tool) =>
        new(runs.Rounds
            .SelectMany(round => Of(round, benchmark))
            .Select(results => results.Find(@case, tool))
            .OfType<ResultRow>()
            .Select(row => tool == "primal" ? row.Seconds : row.Ratio)
            .ToList());
}
