namespace Bench.Compare;

/// <summary>
/// Writes the side-by-side table of two engine builds from bench/compare-engines.sh's results.
/// Usage: Compare RUNS_DIRECTORY MARKDOWN_FILE BASELINE_DESCRIPTION CURRENT_DESCRIPTION, where
/// RUNS_DIRECTORY holds baseline/round-&lt;k&gt;/*.json, current/round-&lt;k&gt;/*.json and
/// optionally same-code.txt (benchmarks whose builds have identical machine code). Prints the
/// table too. Exit code 1 when a row in either build's results was not checked.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 4)
        {
            Console.Error.WriteLine("usage: Compare RUNS_DIRECTORY MARKDOWN_FILE BASELINE_DESCRIPTION CURRENT_DESCRIPTION");
            return 2;
        }
        string runs = Path.GetFullPath(args[0]);
        EngineRuns baseline = EngineRuns.Load(runs, "baseline");
        EngineRuns current = EngineRuns.Load(runs, "current");
        string? minBatch = Environment.GetEnvironmentVariable("ADBENCH_MIN_BATCH_SECONDS");
        // Written by compare-engines.sh, one bench/ folder name a line; a folder is named as its results' benchmark.
        string sameCodeFile = Path.Combine(runs, "same-code.txt");
        IReadOnlySet<string> sameCode = File.Exists(sameCodeFile)
            ? File.ReadLines(sameCodeFile).Select(line => line.Trim()).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();
        var header = new ComparisonHeader(args[2], args[3], baseline.Rounds.Count,
            string.IsNullOrEmpty(minBatch) ? null : minBatch, sameCode, DateTime.UtcNow);
        IReadOnlyList<ComparisonRow> rows = EngineComparison.Build(baseline, current, sameCode);
        string markdown = CompareMarkdown.Write(rows, header);

        string output = Path.GetFullPath(args[1]);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, markdown);
        Console.Write(markdown);
        Console.WriteLine($"wrote {output}");

        List<string> notChecked = baseline.UncheckedRows().Concat(current.UncheckedRows()).ToList();
        foreach (string row in notChecked)
        {
            Console.Error.WriteLine($"error: {row}");
        }
        return notChecked.Count == 0 ? 0 : 1;
    }
}
