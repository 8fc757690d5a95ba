namespace Rosenbrock;

/// <summary>The few dense vector operations the optimiser needs.</summary>
public static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y += alpha x.</summary>
    public static void AddScaled(Span<double> y, double alpha, ReadOnlySpan<double> x)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
