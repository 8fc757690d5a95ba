using Bench.Ba.Native;

namespace Bench.Ba;

/// <summary>The outputs one timed tool left behind, and its seconds per evaluation of all observations.</summary>
public sealed class BaRun
{
    public required double Seconds { get; init; }
    public required double[] Reprojection { get; init; }
    public required double[] WeightError { get; init; }

    /// <summary>2 x 15 column-major block per observation: [30 o + 2 k + r] = d err_r / d input_k.</summary>
    public required double[] Jacobian { get; init; }

    /// <summary>d (1 - w^2) / d w per observation.</summary>
    public required double[] WeightDerivative { get; init; }

    /// <summary>Cube root of machine epsilon: the central-difference step that balances truncation and round-off.</summary>
    public const double DifferenceStep = 6e-6;

    public static unsafe BaRun Time(BaProblem problem, BaTool tool)
    {
        int n = problem.Observations;
        var reprojection = new double[2 * n];
        var weightError = new double[n];
        var jacobian = new double[30 * n];
        var weightDerivative = new double[n];
        double seconds;
        fixed (double* cams = problem.Cameras, points = problem.Points, weights = problem.Weights, features = problem.Features)
        fixed (int* pairs = problem.Pairs)
        fixed (double* reproj = reprojection, werr = weightError, jac = jacobian, dwerr = weightDerivative)
        {
            seconds = BaNative.ba_time((int)tool, n, cams, points, weights, features, pairs, reproj, werr, jac, dwerr, DifferenceStep);
        }
        if (seconds < 0.0)
        {
            throw new InvalidOperationException($"ba_time does not know tool {tool}.");
        }
        return new BaRun
        {
            Seconds = seconds,
            Reprojection = reprojection,
            WeightError = weightError,
            Jacobian = jacobian,
            WeightDerivative = weightDerivative,
        };
    }
}
