namespace Rosenbrock;

/// <summary>The state after one accepted L-BFGS step, reported to the progress callback.</summary>
public readonly record struct LbfgsIteration(int Iteration, double Value, double GradientNorm, int Evaluations);
