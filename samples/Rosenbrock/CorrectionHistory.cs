namespace Rosenbrock;

/// <summary>
/// The last m correction pairs (s, y) of L-BFGS in a ring buffer, and the two-loop recursion
/// that multiplies a vector by the inverse-Hessian approximation they define.
/// </summary>
public sealed class CorrectionHistory
{
    private readonly double[][] _steps;
    private readonly double[][] _gradientChanges;
    private readonly double[] _inverseCurvatures;
    private readonly double[] _coefficients;
    private int _newest = -1;

    public CorrectionHistory(int capacity, int dimension)
    {
        _steps = new double[capacity][];
        _gradientChanges = new double[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            _steps[i] = new double[dimension];
            _gradientChanges[i] = new double[dimension];
        }
        _inverseCurvatures = new double[capacity];
        _coefficients = new double[capacity];
    }

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        _newest = -1;
    }

    /// <summary>
    /// Records the pair for the move from (x, g) to (xNext, gNext), unless its curvature s·y is
    /// not positive enough relative to y·y to keep the approximation positive definite.
    /// </summary>
    public void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> xNext, ReadOnlySpan<double> g, ReadOnlySpan<double> gNext, double minimumRelativeCurvature)
    {
        int slot = (_newest + 1) % _steps.Length;
        double[] step = _steps[slot], gradientChange = _gradientChanges[slot];
        for (int i = 0; i < x.Length; i++)
        {
            step[i] = xNext[i] - x[i];
            gradientChange[i] = gNext[i] - g[i];
        }
        double curvature = VectorMath.Dot(step, gradientChange);
        double gradientChangeSquared = VectorMath.Dot(gradientChange, gradientChange);
        if (!(curvature > minimumRelativeCurvature * gradientChangeSquared))
        {
            return;
        }
        _inverseCurvatures[slot] = 1.0 / curvature;
        _newest = slot;
        Count = Math.Min(Count + 1, _steps.Length);
    }

    /// <summary>result = H q, H the L-BFGS inverse-Hessian approximation (the identity while empty).</summary>
    public void ApplyInverseHessian(ReadOnlySpan<double> q, Span<double> result)
    {
        q.CopyTo(result);
        if (Count == 0)
        {
            return;
        }
        int capacity = _steps.Length;
        for (int k = 0; k < Count; k++)
        {
            int slot = (_newest - k + capacity) % capacity;
            _coefficients[slot] = _inverseCurvatures[slot] * VectorMath.Dot(_steps[slot], result);
            VectorMath.AddScaled(result, -_coefficients[slot], _gradientChanges[slot]);
        }

        // H0 = γI with γ = s·y / y·y of the newest pair: scales the model to the curvature just
        // observed, which is what lets the unit step be accepted most of the time.
        double[] newestChange = _gradientChanges[_newest];
        double scale = 1.0 / (_inverseCurvatures[_newest] * VectorMath.Dot(newestChange, newestChange));
        for (int i = 0; i < result.Length; i++)
        {
            result[i] *= scale;
        }

        for (int k = Count - 1; k >= 0; k--)
        {
            int slot = (_newest - k + capacity) % capacity;
            double beta = _inverseCurvatures[slot] * VectorMath.Dot(_gradientChanges[slot], result);
            VectorMath.AddScaled(result, _coefficients[slot] - beta, _steps[slot]);
        }
    }
}
