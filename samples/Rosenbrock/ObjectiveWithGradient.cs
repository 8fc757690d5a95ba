namespace Rosenbrock;

/// <summary>
/// A smooth objective: returns f(x) and writes grad f(x) into <paramref name="gradient"/>
/// (same length as <paramref name="x"/>).
/// </summary>
public delegate double ObjectiveWithGradient(ReadOnlySpan<double> x, Span<double> gradient);
