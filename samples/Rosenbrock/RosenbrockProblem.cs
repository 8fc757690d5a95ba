using Rosenbrock.Native;

namespace Rosenbrock;

/// <summary>
/// The N-dimensional Rosenbrock function as an optimisation problem. Value and gradient are the
/// native functions in native/rosen.c, called through the bindings Enzyme.Sdk generates
/// (<see cref="Rosen"/>); the gradient is Enzyme's reverse-mode derivative of the primal.
/// </summary>
public static class RosenbrockProblem
{
    /// <summary>The classic starting point (-1.2, 1, -1.2, 1, ...), far from the minimum at (1, ..., 1).</summary>
    public static double[] StandardStart(int dimension)
    {
        var x = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    public static double Value(ReadOnlySpan<double> x) => Rosen.rosen(x, x.Length);

    /// <summary>
    /// f(x) and ∇f(x). rosen_grad returns only the gradient (Enzyme's reverse mode discards the
    /// primal result), so the value is a second, much cheaper, native call.
    /// </summary>
    public static double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Rosen.rosen_grad(x, gradient, x.Length);
        return Rosen.rosen(x, x.Length);
    }
}
