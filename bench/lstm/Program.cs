using System.Globalization;

namespace Bench.Lstm;

/// <summary>
/// Times the LSTM loss, its Enzyme reverse-mode gradient and central differences over all
/// parameters, and checks the timed gradients: Enzyme's by a forward-mode dot-product test and by
/// central differences on a random subset of parameters, the finite-difference gradient against
/// Enzyme's. Exit code 1 when a check fails.
/// </summary>
public static class Program
{
    private const int SequenceLength = 1024;

    /// <summary>Forward against reverse: round-off in sums over ~10^5 operations.</summary>
    private const double DotProductTolerance = 1e-10;

    /// <summary>Central differences with a 6e-6 step: truncation and round-off near 1e-10 of the gradient's scale.</summary>
    private const double DifferenceTolerance = 1e-6;

    public static int Main(string[] args)
    {
        LstmProblem problem = LstmProblem.Generate(SequenceLength, seed: 1024);
        LstmRun objective = LstmRun.Time(problem, LstmTool.Objective);
        LstmRun reverse = LstmRun.Time(problem, LstmTool.EnzymeReverse);
        LstmRun differences = LstmRun.Time(problem, LstmTool.CentralDifferences);

        var random = new Random(7);
        double dotProduct = GradientCheck.DotProductError(problem, reverse.Gradient, directions: 3, random);
        double subset = GradientCheck.SubsetDifferenceError(problem, reverse.Gradient, count: 20, random);
        double full = GradientCheck.MaxDifference(differences.Gradient, reverse.Gradient);
        bool reverseOk = dotProduct <= DotProductTolerance && subset <= DifferenceTolerance;
        bool differencesOk = full <= DifferenceTolerance;

        string label = string.Create(CultureInfo.InvariantCulture,
            $"l=2 b=14 c={SequenceLength}, {problem.ParameterCount} params");
        var rows = new List<ResultRow>
        {
            new(label, "primal", objective.Seconds, 1.0, true,
                string.Create(CultureInfo.InvariantCulture, $"loss {objective.Loss:F6}")),
            Row(label, "enzyme-reverse", reverse, objective, reverseOk,
                $"full gradient; dot-product test vs forward mode {dotProduct:E1}, central differences on 20 random parameters {subset:E1} (relative to max |g|)"),
            Row(label, "finite-differences", differences, objective, differencesOk,
                $"central, {2 * problem.ParameterCount} loss evaluations; max difference vs Enzyme {full:E1} (relative to max |g|)"),
        };
        foreach (ResultRow row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lstm {row.Tool,-20} {1e3 * row.Seconds,10:F3} ms  ratio {row.Ratio,7:F2}  {(row.Checked ? "ok" : "WRONG")}  {row.Note}"));
        }
        string path = ResultsFile.Write("lstm", rows, CommandLine.OutputPath(args));
        Console.WriteLine($"wrote {path}");
        return reverseOk && differencesOk ? 0 : 1;
    }

    private static ResultRow Row(string label, string tool, LstmRun run, LstmRun primal, bool correct, FormattableString note) =>
        new(label, tool, run.Seconds, run.Seconds / primal.Seconds, correct, note.ToString(CultureInfo.InvariantCulture));
}
