namespace Bench.Report;

/// <summary>
/// One benchmark built by one front-end recipe in bench/results/frontends.json (written by
/// bench/frontends/run.sh): the case is "&lt;benchmark case&gt; / &lt;recipe&gt;", with a
/// <c>primal</c> and an <c>enzyme-reverse</c> row. A recipe that failed (enzyme-ad refused the
/// bitcode, a wrong gradient) has rows that are not checked.
/// </summary>
public sealed record FrontendRecipe(string Benchmark, string Recipe, ResultRow? Objective, ResultRow? Gradient)
{
    public const string ResultsName = "frontends";

    private const string Separator = " / ";

    /// <summary>Timed and checked, objective and gradient both.</summary>
    public bool Succeeded => Objective is { Checked: true, Seconds: > 0 } && Gradient is { Checked: true, Seconds: > 0 };

    /// <summary>The recipes in the order run.sh wrote them.</summary>
    public static IReadOnlyList<FrontendRecipe> From(BenchmarkResults results) =>
        results.Cases
            .Select(@case =>
            {
                int at = @case.LastIndexOf(Separator, StringComparison.Ordinal);
                string benchmark = at < 0 ? @case : @case[..at];
                string recipe = at < 0 ? "" : @case[(at + Separator.Length)..];
                return new FrontendRecipe(benchmark, recipe, results.Find(@case, "primal"), results.Find(@case, "enzyme-reverse"));
            })
            .ToList();
}
