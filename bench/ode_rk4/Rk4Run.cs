using Bench.OdeRk4.Native;

namespace Bench.OdeRk4;

/// <summary>What one timed tool left behind: the loss or the gradient, and seconds per call.</summary>
public sealed class Rk4Run
{
    /// <summary>Relative central-difference step: about the cube root of machine epsilon.</summary>
    public const double DifferenceStep = 6e-6;

    /// <summary>10^4 steps of 10^-3: about two periods of the predator-prey cycle.</summary>
    public const int Steps = 10_000;

    public const double TimeStep = 1e-3;

    /// <summary>Rates of prey growth, predation, predator growth and death; all of order one.</summary>
    public static readonly double[] Parameters = [1.0, 0.8, 0.5, 0.4, 0.3, 0.35, 0.9, 0.7];

    public static readonly double[] InitialState = [2.0, 1.5, 1.0, 0.8];
    public static readonly double[] Target = [1.0, 1.0, 1.0, 1.0];

    public required double Seconds { get; init; }
    public required double Loss { get; init; }
    public required double[] Gradient { get; init; }

    public static unsafe Rk4Run Time(Rk4Tool tool)
    {
        if (Parameters.Length != Rk4Native.rk4_param_count() || InitialState.Length != Rk4Native.rk4_state_count())
        {
            throw new InvalidOperationException("The native system's sizes differ from the C# problem's.");
        }
        var gradient = new double[Parameters.Length];
        double loss = double.NaN, seconds;
        fixed (double* p = Parameters, s0 = InitialState, target = Target, g = gradient)
        {
            seconds = Rk4Native.rk4_time((int)tool, p, s0, target, Steps, TimeStep, &loss, g, DifferenceStep);
        }
        if (seconds < 0.0)
        {
            throw new InvalidOperationException($"rk4_time does not know tool {tool}.");
        }
        return new Rk4Run { Seconds = seconds, Loss = loss, Gradient = gradient };
    }

    /// <summary>Largest entrywise difference relative to the largest entry of <paramref name="reference"/>.</summary>
    public static double RelativeDifference(double[] candidate, double[] reference)
    {
        double worst = 0.0;
        for (int i = 0; i < reference.Length; ++i)
        {
            worst = Math.Max(worst, Math.Abs(candidate[i] - reference[i]));
        }
        return worst / reference.Max(Math.Abs);
    }
}
