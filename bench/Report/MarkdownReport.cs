using System.Text;

namespace Bench.Report;

/// <summary>
/// bench/results/report.md: the targets, a table per benchmark (time and ratio per tool, what
/// each derivative was checked against), Enzyme's speed-up over ADOL-C and finite differences,
/// the build-time costs, and the profiling notes (bench/profiling.md) when a target is missed.
/// </summary>
public static class MarkdownReport
{
    /// <summary>Baselines whose speed-up Enzyme's reverse mode is measured against.</summary>
    private static readonly string[] SpeedUpBaselines = ["adolc-gradient", "adolc-tape+gradient", "finite-differences"];

    public static string Write(
        IReadOnlyList<BenchmarkResults> benchmarks,
        BuildCosts? buildCosts,
        IReadOnlyList<TargetCheck> targets,
        string machine,
        string? profilingNotes)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark report");
        text.AppendLine();
        text.AppendLine($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `./build.sh bench` on {machine}. Every time is the");
        text.AppendLine("ADBench estimate (a call repeated until a batch takes ≥ 0.5 s; the minimum time per call over");
        text.AppendLine("5 batches), measured from native code. **ratio** = time ÷ the primal's time for the same case.");
        text.AppendLine("Every derivative in a table was checked in the same run (column *checked*; the note says against what).");
        text.AppendLine();
        text.AppendLine("![ratios](ratios.svg)");
        text.AppendLine();

        text.AppendLine("## Targets");
        text.AppendLine();
        text.AppendLine("| target | result | measured |");
        text.AppendLine("|---|---|---|");
        foreach (TargetCheck target in targets)
        {
            text.AppendLine($"| {Format.Cell(target.Target)} | {target.Verdict} | {Format.Cell(target.Detail)} |");
        }
        text.AppendLine();

        foreach (BenchmarkResults benchmark in benchmarks)
        {
            if (benchmark.Benchmark == FrontendRecipe.ResultsName)
            {
                FrontendsTable.Write(text, benchmark);
            }
            else if (ThreadScalingCase.IsThreadScaling(benchmark.Benchmark))
            {
                ThreadScalingTable.Write(text, benchmark);
            }
            else
            {
                WriteBenchmark(text, benchmark);
            }
        }
        if (buildCosts is not null)
        {
            WriteBuildCosts(text, buildCosts);
        }
        if (targets.Any(t => t.Met == false) && profilingNotes is not null)
        {
            text.AppendLine("## Why targets are missed");
            text.AppendLine();
            text.AppendLine(profilingNotes.Trim());
            text.AppendLine();
        }
        return text.ToString();
    }

    private static void WriteBenchmark(StringBuilder text, BenchmarkResults benchmark)
    {
        text.AppendLine($"## {benchmark.Benchmark}");
        text.AppendLine();
        text.AppendLine("| case | tool | time | ratio | checked | note |");
        text.AppendLine("|---|---|---:|---:|---|---|");
        foreach (ResultRow row in benchmark.Rows)
        {
            text.AppendLine($"| {Format.Cell(row.Case)} | {row.Tool} | {Format.Seconds(row.Seconds)} | {Format.Ratio(row.Ratio)} | {(row.Checked ? "yes" : "**NO**")} | {Format.Cell(row.Note)} |");
        }
        text.AppendLine();

        string[] baselines = SpeedUpBaselines.Where(tool => benchmark.Rows.Any(row => row.Tool == tool)).ToArray();
        if (baselines.Length == 0 || !benchmark.Rows.Any(row => row.Tool == "enzyme-reverse"))
        {
            return;
        }
        text.AppendLine("Speed-up of enzyme-reverse (baseline's time ÷ Enzyme's):");
        text.AppendLine();
        text.AppendLine($"| case | {string.Join(" | ", baselines.Select(b => "over " + b))} |");
        text.AppendLine($"|---|{string.Concat(baselines.Select(_ => "---:|"))}");
        foreach (string @case in benchmark.Cases)
        {
            ResultRow? enzyme = benchmark.Find(@case, "enzyme-reverse");
            if (enzyme is null)
            {
                continue;
            }
            IEnumerable<string> cells = baselines.Select(tool =>
                benchmark.Find(@case, tool) is ResultRow other ? Format.Invariant($"{other.Seconds / enzyme.Seconds:F2}×") : "–");
            text.AppendLine($"| {Format.Cell(@case)} | {string.Join(" | ", cells)} |");
        }
        text.AppendLine();
    }

    private static void WriteBuildCosts(StringBuilder text, BuildCosts costs)
    {
        text.AppendLine("## Build-time costs");
        text.AppendLine();
        text.AppendLine("`enzyme-ad` on generated modules (`bench/build-costs/generate_module.awk`: one `__enzyme_autodiff`");
        text.AppendLine("of a function calling blocks of 50 statements). *differentiate*: `-O0`, bitcode out (the engine");
        text.AppendLine("alone); *differentiate+O2+object*: what Enzyme.Sdk runs (LLVM's -O2 pipeline and code generation");
        text.AppendLine("after differentiation). Wall-clock time and peak resident memory from GNU time.");
        text.AppendLine();
        text.AppendLine("| LLVM instructions | phase | time | peak memory |");
        text.AppendLine("|---:|---|---:|---:|");
        foreach (EnzymeAdMeasurement m in costs.EnzymeAd)
        {
            string time = m.TimedOut ? Format.Invariant($"> {m.Seconds:F0} s (stopped)") : Format.Invariant($"{m.Seconds:F2} s");
            string memory = m.TimedOut ? "–" : Format.Invariant($"{m.PeakMiB:F0} MiB");
            text.AppendLine($"| {m.Instructions} | {m.Phase} | {time} | {memory} |");
        }
        text.AppendLine();
        text.AppendLine("`dotnet build -c Release --disable-build-servers` of a copy of `samples/Rosenbrock` (the flagship");
        text.AppendLine("sample): *cold* = no obj/, bin/ or NuGet cache; *no-op* = straight after; *touched* = after");
        text.AppendLine("`touch native/rosen.c` (compile, differentiate, link, bindings, C#).");
        text.AppendLine();
        text.AppendLine("| build | time | peak memory |");
        text.AppendLine("|---|---:|---:|");
        foreach (DotnetBuildMeasurement m in costs.DotnetBuild)
        {
            text.AppendLine(Format.Invariant($"| {m.Scenario} | {m.Seconds:F2} s | {m.PeakMiB:F0} MiB |"));
        }
        text.AppendLine();
        if (costs.RuntimeBuilds is { Count: > 0 } runtimes)
        {
            WriteRuntimeBuilds(text, runtimes, costs.CpuCount);
        }
    }

    private static void WriteRuntimeBuilds(StringBuilder text, IReadOnlyList<RuntimeBuildMeasurement> runtimes, int cpuCount)
    {
        text.AppendLine("`dotnet build -c Release` of `samples/RoundTrip/Library` with the generated module of 2000 statements");
        text.AppendLine("added, for one RID and for three (`EnzymeRuntimeIdentifiers`), after touching its C sources: every");
        text.AppendLine(Format.Invariant($"RID compiles, differentiates and links its own library; the RIDs build side by side ({cpuCount} cores here)."));
        text.AppendLine("Bindings, C header and C# are built once. Why the parse and the engine's work are not shared between");
        text.AppendLine("triples: [Sdk/README.md](../../Sdk/README.md#runtime-identifiers).");
        text.AppendLine();
        text.AppendLine("CPU time is user + system of the build and the tools it waited for; the load average (1 minute,");
        text.AppendLine("when the build ended) says how much of the wall clock was spent waiting for a core.");
        text.AppendLine();
        text.AppendLine("| RIDs | wall clock | × 1 RID | CPU time | × 1 RID | load average | peak memory |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        RuntimeBuildMeasurement? single = runtimes.FirstOrDefault(m => m.Count == 1);
        foreach (RuntimeBuildMeasurement m in runtimes)
        {
            string wall = single is { Seconds: > 0 } ? Format.Invariant($"{m.Seconds / single.Seconds:F2}×") : "–";
            string cpu = single is { CpuSeconds: > 0 } ? Format.Invariant($"{m.CpuSeconds / single.CpuSeconds:F2}×") : "–";
            text.AppendLine(Format.Invariant(
                $"| {Format.Cell(m.RuntimeIdentifiers)} | {m.Seconds:F2} s | {wall} | {m.CpuSeconds:F2} s | {cpu} | {m.LoadAverage:F1} | {m.PeakMiB:F0} MiB |"));
        }
        text.AppendLine();
    }
}
