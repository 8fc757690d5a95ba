using System.Globalization;
using GmmBench.Native;

namespace GmmBench;

/// <summary>
/// Times one GMM input with every tool and checks every gradient that was timed: the
/// hand-written gradient against central finite differences (independent of any AD), Enzyme's
/// against the hand-written one, finite differences against the hand-written one, and ADOL-C's
/// against Enzyme's.
/// </summary>
public sealed class CaseRunner(GmmProblem problem, int tapeTag)
{
    /// <summary>
    /// Two exact gradients of the same function differ by rounding only: the reductions run in
    /// different orders, over a thousand points.
    /// </summary>
    private const double ExactTolerance = 1e-10;

    /// <summary>
    /// Central differences with a step of cbrt(eps) are accurate to about eps^(2/3) ≈ 4e-11
    /// relative to the objective's scale, which is far larger than the gradient's here (the
    /// objective sums a thousand points); 1e-5 of the gradient's scale leaves room for that and
    /// still catches any wrong term.
    /// </summary>
    private const double FiniteDifferenceTolerance = 1e-5;

    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public IReadOnlyList<ResultRow> Run()
    {
        GmmProblem p = problem;
        int count = GmmProblem.ParameterCount(p.D, p.K);
        if (Gmm.gmm_parameter_count(p.D, p.K) != count)
        {
            throw new InvalidOperationException("the native and managed parameter counts disagree");
        }

        double value = Gmm.gmm_objective(p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M);
        Console.WriteLine($"== gmm {p.Case}, n = {p.N}, {count} parameters, f = {value:R}");
        var rows = new List<ResultRow>();
        double primal = Gmm.gmm_time_primal(p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M);
        bool valueOk = double.IsFinite(value);
        Require(valueOk, $"objective is {value}");
        rows.Add(Row("primal", primal, primal, valueOk, $"f = {value.ToString("G10", CultureInfo.InvariantCulture)}"));

        // Finite differences first: at 2P objective evaluations a call they are the slowest
        // tool by far, so their timed result doubles as the AD-free reference for the rest.
        var differences = new double[count];
        double fdSeconds = Gmm.gmm_time_fd(p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M, differences);
        var hand = new double[count];
        Gmm.gmm_gradient_hand(p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M, hand);

        var grad = new double[count];
        double seconds = Gmm.gmm_time_enzyme(p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M, grad);
        rows.Add(Checked("enzyme-reverse", seconds, primal, grad, hand, "hand-written", ExactTolerance));
        // Checked just above: the reference for ADOL-C.
        var enzyme = (double[])grad.Clone();

        seconds = Gmm.gmm_time_hand(p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M, grad);
        rows.Add(Checked("hand-written", seconds, primal, grad, differences, "finite differences", FiniteDifferenceTolerance));

        rows.Add(Checked("finite-differences", fdSeconds, primal, differences, hand, "hand-written", FiniteDifferenceTolerance,
            $"central, {2 * count} evaluations"));

        int taped = Gmm.gmm_adolc_tape(tapeTag, p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M);
        Require(taped == 0, $"ADOL-C could not hold the tape in memory (gmm_adolc_tape returned {taped})");
        int status = Gmm.gmm_adolc_gradient(tapeTag, p.D, p.K, p.Theta, grad);
        Require(status >= 0, $"ADOL-C's gradient() returned {status}");
        seconds = Gmm.gmm_time_adolc_gradient(tapeTag, p.D, p.K, p.Theta, grad);
        rows.Add(Checked("adolc-gradient", seconds, primal, grad, enzyme, "enzyme-reverse", ExactTolerance,
            "gradient() on a tape recorded once"));

        seconds = Gmm.gmm_time_adolc_tape_gradient(tapeTag, p.D, p.K, p.N, p.Theta, p.Points, p.Gamma, p.M, grad);
        rows.Add(Checked("adolc-tape+gradient", seconds, primal, grad, enzyme, "enzyme-reverse", ExactTolerance,
            "trace_on … trace_off, then gradient(), per call"));

        foreach (ResultRow row in rows)
        {
            Console.WriteLine($"   {row.Tool,-20} {row.Seconds,12:E3} s  ×{row.Ratio,8:F2}  {(row.Checked ? "ok" : "WRONG")}  {row.Note}");
        }
        return rows;
    }

    private ResultRow Checked(string tool, double seconds, double primal, double[] gradient, double[] reference,
        string referenceName, double tolerance, string? extra = null)
    {
        double error = GradientComparison.RelativeError(gradient, reference);
        bool ok = error <= tolerance;
        Require(ok, $"{tool}: the timed gradient differs from {referenceName} by {error:E2} (tolerance {tolerance:E0})");
        string note = $"relative error {error.ToString("E1", CultureInfo.InvariantCulture)} vs {referenceName}";
        return Row(tool, seconds, primal, ok, extra is null ? note : $"{extra}; {note}");
    }

    private ResultRow Row(string tool, double seconds, double primal, bool ok, string note) =>
        new(problem.Case, tool, seconds, seconds / primal, ok, note);

    private void Require(bool condition, string failure)
    {
        if (!condition)
        {
            _failures.Add($"gmm {problem.Case}: {failure}");
        }
    }
}
