using Bench.Lstm.Native;

namespace Bench.Lstm;

/// <summary>What one timed tool left behind: the loss or the gradient, and seconds per call.</summary>
public sealed class LstmRun
{
    /// <summary>Relative central-difference step: about the cube root of machine epsilon.</summary>
    public const double DifferenceStep = 6e-6;

    public required double Seconds { get; init; }
    public required double Loss { get; init; }

    /// <summary>Main parameters' gradient followed by the extra parameters'.</summary>
    public required double[] Gradient { get; init; }

    public static unsafe LstmRun Time(LstmProblem problem, LstmTool tool)
    {
        var gradMain = new double[problem.MainParams.Length];
        var gradExtra = new double[problem.ExtraParams.Length];
        double loss = double.NaN, seconds;
        fixed (double* m = problem.MainParams, e = problem.ExtraParams, s = problem.State, q = problem.Sequence)
        fixed (double* gm = gradMain, ge = gradExtra)
        {
            seconds = LstmNative.lstm_time((int)tool, m, e, s, q, problem.Length, &loss, gm, ge, DifferenceStep);
        }
        if (seconds < 0.0)
        {
            throw new InvalidOperationException($"lstm_time does not know tool {tool}.");
        }
        return new LstmRun { Seconds = seconds, Loss = loss, Gradient = [.. gradMain, .. gradExtra] };
    }
}
