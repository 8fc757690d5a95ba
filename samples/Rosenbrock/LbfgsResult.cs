namespace Rosenbrock;

/// <summary>How a minimisation ended. The minimiser itself is left in the caller's x.</summary>
public sealed record LbfgsResult(bool Converged, int Iterations, int Evaluations, double Value, double GradientNorm, string StopReason);
