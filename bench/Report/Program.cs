using System.Globalization;

namespace Bench.Report;

/// <summary>
/// Writes bench/results/report.md and bench/results/ratios.svg from bench/results/*.json.
/// Usage: Report [bench-directory] (default: the bench/ folder above the program).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string bench = args.Length > 0 ? Path.GetFullPath(args[0]) : FindBenchDirectory();
        string results = Path.Combine(bench, "results");
        IReadOnlyList<BenchmarkResults> benchmarks = ResultsLoader.LoadBenchmarks(results);
        BuildCosts? buildCosts = ResultsLoader.LoadBuildCosts(results);
        IReadOnlyList<TargetCheck> targets = Targets.Check(benchmarks);
        string notesPath = Path.Combine(bench, "profiling.md");
        string? notes = File.Exists(notesPath) ? File.ReadAllText(notesPath) : null;

        File.WriteAllText(Path.Combine(results, "report.md"),
            MarkdownReport.Write(benchmarks, buildCosts, targets, Machine(), notes));
        File.WriteAllText(Path.Combine(results, "ratios.svg"), RatioChart.Write(benchmarks));

        foreach (TargetCheck target in targets)
        {
            Console.WriteLine($"   {target.Verdict.Replace("**", ""),-12} {target.Target}: {target.Detail}");
        }
        Console.WriteLine($"wrote {Path.Combine(results, "report.md")} and ratios.svg ({benchmarks.Count} benchmarks)");
        return 0;
    }

    /// <summary>The processor model and core count, from /proc/cpuinfo where there is one.</summary>
    private static string Machine()
    {
        string model = "an unknown processor";
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            string? line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                model = line[(line.IndexOf(':') + 1)..].Trim();
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores of {model}");
    }

    private static string FindBenchDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "run.sh")) && Directory.Exists(Path.Combine(directory.FullName, "Report")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"bench/ not found above {AppContext.BaseDirectory}; pass it as the argument");
    }
}
