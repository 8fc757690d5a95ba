namespace Rosenbrock;

/// <summary>Settings of <see cref="Lbfgs"/>. The defaults suit smooth problems of moderate size.</summary>
public sealed record LbfgsOptions
{
    /// <summary>Number of (s, y) correction pairs kept; 3 to 20 is usual, 10 is the classic choice.</summary>
    public int HistorySize { get; init; } = 10;

    public int MaxIterations { get; init; } = 20_000;

    /// <summary>Stop when the Euclidean norm of the gradient falls to this value.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Sufficient-decrease constant c1 of the Wolfe conditions.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>
    /// Curvature constant c2 of the strong Wolfe conditions. 0.9 is the standard value for
    /// quasi-Newton methods: a loose line search, since the unit step is usually good.
    /// </summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>Objective evaluations one line search may spend before it gives up.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 40;
}
