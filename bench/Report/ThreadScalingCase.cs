using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Report;

/// <summary>
/// One objective at one thread count in bench/results/openmp.json (written by bench/openmp): the case is
/// "&lt;objective&gt; n=&lt;size&gt;, &lt;T&gt; thread(s)", with rows <c>primal</c>, <c>enzyme-reverse</c> (the engine's default:
/// per-thread partial adjoints of shared scalars), <c>enzyme-reverse-atomic</c> (one atomic add per iteration) and
/// <c>hand-written</c>.
/// </summary>
public sealed partial record ThreadScalingCase(string Objective, int Threads, ResultRow? Primal, ResultRow? Gradient, ResultRow? Atomic, ResultRow? HandWritten)
{
    public const string ResultsName = "openmp";

    /// <summary>
    /// openmp.json is this machine's run; openmp-&lt;machine&gt;.json (e.g. openmp-16core.json) the same program run
    /// elsewhere, kept because a 2-core VM cannot show how the gradient scales.
    /// </summary>
    public static bool IsThreadScaling(string benchmark) =>
        benchmark == ResultsName || benchmark.StartsWith(ResultsName + "-", StringComparison.Ordinal);

    public static IReadOnlyList<ThreadScalingCase> From(BenchmarkResults results) =>
        results.Cases
            .Select(@case => (Case: @case, Match: CaseName().Match(@case)))
            .Where(c => c.Match.Success)
            .Select(c => new ThreadScalingCase(c.Match.Groups["objective"].Value,
                int.Parse(c.Match.Groups["threads"].Value, CultureInfo.InvariantCulture),
                results.Find(c.Case, "primal"), results.Find(c.Case, "enzyme-reverse"),
                results.Find(c.Case, "enzyme-reverse-atomic"), results.Find(c.Case, "hand-written")))
            .ToList();

    [GeneratedRegex(@"^(?<objective>.+), (?<threads>\d+) threads?$")]
    private static partial Regex CaseName();
}
