using System.Text;
using Bench.Report;

namespace Bench.Compare;

/// <summary>bench/results/compare.md: what was compared, a summary line, and a table per benchmark.</summary>
public static class CompareMarkdown
{
    public static string Write(IReadOnlyList<ComparisonRow> rows, ComparisonHeader header)
    {
        var text = new StringBuilder();
        text.AppendLine("# Engine comparison");
        text.AppendLine();
        text.AppendLine(Format.Invariant(
            $"Generated {header.Generated:yyyy-MM-dd HH:mm} UTC by `bench/compare-engines.sh`: {header.Rounds} {(header.Rounds == 1 ? "round" : "rounds")}, each running every benchmark with the baseline build and then with the current build."));
        text.AppendLine();
        text.AppendLine($"- **baseline**: {header.Baseline}");
        text.AppendLine($"- **current**: {header.Current}");
        if (header.MinBatchSeconds is not null)
        {
            text.AppendLine($"- `ADBENCH_MIN_BATCH_SECONDS={header.MinBatchSeconds}`: shorter timing batches than the default 0.5 s, so rougher times");
        }
        text.AppendLine();
        text.AppendLine("Each cell is the minimum over the rounds of one build; *spread* = (max − min) ÷ min over those rounds.");
        text.AppendLine("**ratio** = time ÷ the primal's time in the same run; the primal rows compare times instead.");
        text.AppendLine("*current ÷ baseline* below 1 means the current build is faster; *verdict* is \"within spread\" when");
        text.AppendLine("|current ÷ baseline − 1| is no larger than the larger of the two spreads (two rounds or more needed),");
        text.AppendLine("and \"same code\" for a benchmark both builds compiled to byte-identical machine code (`.text`).");
        text.AppendLine();
        WriteSummary(text, rows);

        foreach (IGrouping<string, ComparisonRow> benchmark in rows.GroupBy(row => row.Benchmark))
        {
            text.AppendLine($"## {benchmark.Key}");
            text.AppendLine();
            if (header.SameMachineCode.Contains(benchmark.Key))
            {
                text.AppendLine("Both builds compiled it to the same machine code (byte-identical `.text` in its library): every difference below is noise.");
                text.AppendLine();
            }
            text.AppendLine("| case | tool | baseline | spread | current | spread | current ÷ baseline | verdict |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
            foreach (ComparisonRow row in benchmark)
            {
                text.AppendLine(
                    $"| {Format.Cell(row.Case)} | {Format.Cell(row.Tool)} | {Value(row, row.Baseline)} | {Spread(row.Baseline)} " +
                    $"| {Value(row, row.Current)} | {Spread(row.Current)} | {Change(row.Change)} | {row.Verdict} |");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>One line a reader can quote: how far apart the builds are over every derivative, and how noisy the rounds were.</summary>
    private static void WriteSummary(StringBuilder text, IReadOnlyList<ComparisonRow> rows)
    {
        List<double> changes = rows.Where(row => !row.ComparesSeconds).Select(row => row.Change).OfType<double>().ToList();
        if (changes.Count == 0)
        {
            text.AppendLine("No derivative was measured with both builds.");
            text.AppendLine();
            return;
        }
        double geometricMean = Math.Exp(changes.Average(Math.Log));
        // One round has no spread; 0 % would read as a perfectly quiet machine.
        string largestSpread = rows.All(row => row.Baseline.Count < 2 && row.Current.Count < 2)
            ? "not measured (one round)"
            : Format.Invariant($"{100 * rows.Max(row => row.Noise):F1} %");
        int slower = rows.Count(row => row.Verdict == "**slower**");
        int faster = rows.Count(row => row.Verdict == "**faster**");
        text.AppendLine(Format.Invariant(
            $"**Summary**: over {changes.Count} derivative rows, current ÷ baseline has a geometric mean of {geometricMean:F3} (from {changes.Min():F3} to {changes.Max():F3}); the largest spread between rounds of one build is {largestSpread}; outside the spread, where the machine code differs: {faster} faster, {slower} slower (primal times included)."));
        text.AppendLine();
    }

    private static string Value(ComparisonRow row, Samples samples) =>
        samples.Count == 0 ? "–" : row.ComparesSeconds ? Format.Seconds(samples.Min) : Format.Ratio(samples.Min);

    private static string Spread(Samples samples) =>
        samples.Count < 2 ? "–" : Format.Invariant($"{100 * samples.Spread:F1} %");

    private static string Change(double? change) =>
        change is double value ? Format.Invariant($"{value:F3}") : "–";
}
