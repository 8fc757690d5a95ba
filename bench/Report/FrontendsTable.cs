using System.Text;

namespace Bench.Report;

/// <summary>
/// The section of report.md for bench/frontends: one table, a row per benchmark and front-end
/// recipe, instead of the generic per-tool table. The question it answers is how much the ratio
/// depends on the recipe, so objective, gradient and ratio sit side by side in one row.
/// </summary>
public static class FrontendsTable
{
    public static void Write(StringBuilder text, BenchmarkResults results)
    {
        text.AppendLine($"## {results.Benchmark}");
        text.AppendLine();
        text.AppendLine("The same sources compiled to bitcode by different front-end flags (`bench/frontends/run.sh`), then");
        text.AppendLine("`enzyme-ad BC -O2 -o X.o` for the objective and the gradient alike. *sdk* is Enzyme.Sdk's own");
        text.AppendLine("flags; *O0-optnone* is plain `-O0`, whose objective keeps `optnone` through `enzyme-ad` and so");
        text.AppendLine("stays unoptimised. The note names the flags, what the gradient was checked against, or why the recipe");
        text.AppendLine("failed, and the best of the gradient's first 5 calls: its cache arrays reach their pooled sizes only");
        text.AppendLine("after some calls, so short runs see more than the steady time (bench/frontends/README.md).");
        text.AppendLine();
        text.AppendLine("| benchmark | recipe | objective | gradient | ratio | checked | note |");
        text.AppendLine("|---|---|---:|---:|---:|---|---|");
        foreach (FrontendRecipe recipe in FrontendRecipe.From(results))
        {
            string objective = recipe.Objective is { Seconds: > 0 } o ? Format.Seconds(o.Seconds) : "–";
            string gradient = recipe.Gradient is { Seconds: > 0 } g ? Format.Seconds(g.Seconds) : "–";
            string ratio = recipe.Gradient is { Ratio: > 0 } r ? Format.Ratio(r.Ratio) : "–";
            string note = recipe.Gradient?.Note ?? recipe.Objective?.Note ?? "no gradient row";
            text.AppendLine($"| {Format.Cell(recipe.Benchmark)} | {Format.Cell(recipe.Recipe)} | {objective} | {gradient} | {ratio} | {(recipe.Succeeded ? "yes" : "**NO**")} | {Format.Cell(note)} |");
        }
        text.AppendLine();
    }
}
