namespace Rosenbrock;

/// <summary>
/// Outcome of <see cref="StrongWolfeLineSearch.Search"/>: the accepted step length and the
/// objective there (the point and its gradient are in the caller's buffers).
/// </summary>
public readonly record struct LineSearchResult(bool Succeeded, double Step, double Value, int Evaluations);
