namespace Rosenbrock;

/// <summary>Finite-difference reference values for checking derivatives.</summary>
public static class CentralDifference
{
    /// <summary>
    /// ∂f/∂x_i ≈ (f(x + h e_i) - f(x - h e_i)) / 2h: truncation error O(h²), rounding error
    /// O(ε|f|/h). <paramref name="x"/> is perturbed in place and restored exactly.
    /// </summary>
    public static double Partial(Func<ReadOnlySpan<double>, double> f, Span<double> x, int index, double step)
    {
        double original = x[index];
        x[index] = original + step;
        double forward = f(x);
        x[index] = original - step;
        double backward = f(x);
        x[index] = original;
        return (forward - backward) / (2.0 * step);
    }
}
