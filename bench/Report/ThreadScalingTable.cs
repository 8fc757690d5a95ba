using System.Text;

namespace Bench.Report;

/// <summary>
/// The section of report.md for bench/openmp: per objective and thread count, the primal and gradient times, the
/// gradient ÷ primal ratio, the gradient's speed-up over one thread, and the two ways of accumulating a shared
/// scalar's adjoint side by side (per-thread partials, the default, against one atomic add per iteration).
/// </summary>
public static class ThreadScalingTable
{
    public static void Write(StringBuilder text, BenchmarkResults results)
    {
        text.AppendLine($"## {results.Benchmark}");
        text.AppendLine();
        text.AppendLine("OpenMP `parallel for reduction(+)` objectives and their reverse-mode gradients (`bench/openmp`), at 1, 2,");
        text.AppendLine("4, … threads up to the core count. *speed-up*: the gradient's time at 1 thread ÷ its time here. *atomics*:");
        text.AppendLine("the same gradient from `enzyme-ad --openmp-atomic-scalar-adjoints` (one atomic add per iteration into a");
        text.AppendLine("shared scalar's adjoint instead of a partial per thread); *atomics ÷ partials* > 1 means the default is faster.");
        text.AppendLine("Every gradient is checked against its closed form in the same run. A speed-up needs idle cores: on a VM");
        text.AppendLine("shared with other work it says little (bench/openmp/README.md has a 16-core measurement).");
        if (results.Benchmark != ThreadScalingCase.ResultsName)
        {
            text.AppendLine();
            text.AppendLine($"`bench/results/{results.Benchmark}.json`: the same binary (objectives differentiated by this engine on the");
            text.AppendLine("development VM, linked with LLVM 22's libomp) run on a 16-core Intel Xeon lent for a few minutes, 2026-12-04.");
        }
        text.AppendLine();
        text.AppendLine("| objective | threads | primal | gradient | gradient ÷ primal | speed-up | atomics | atomics ÷ partials | hand-written | checked |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        IReadOnlyList<ThreadScalingCase> cases = ThreadScalingCase.From(results);
        foreach (ThreadScalingCase row in cases)
        {
            ResultRow? single = cases.FirstOrDefault(c => c.Objective == row.Objective && c.Threads == 1)?.Gradient;
            string speedUp = single is { Seconds: > 0 } && row.Gradient is { Seconds: > 0 } g ? Format.Invariant($"{single.Seconds / g.Seconds:F2}×") : "–";
            string versus = row.Atomic is { Seconds: > 0 } a && row.Gradient is { Seconds: > 0 } p ? Format.Invariant($"{a.Seconds / p.Seconds:F2}") : "–";
            bool isChecked = new[] { row.Primal, row.Gradient, row.Atomic, row.HandWritten }.All(r => r is { Checked: true });
            text.AppendLine($"| {Format.Cell(row.Objective)} | {row.Threads} | {Time(row.Primal)} | {Time(row.Gradient)} | {(row.Gradient is { Ratio: > 0 } r ? Format.Ratio(r.Ratio) : "–")} | {speedUp} | {Time(row.Atomic)} | {versus} | {Time(row.HandWritten)} | {(isChecked ? "yes" : "**NO**")} |");
        }
        text.AppendLine();
    }

    private static string Time(ResultRow? row) => row is { Seconds: > 0 } r ? Format.Seconds(r.Seconds) : "–";
}
