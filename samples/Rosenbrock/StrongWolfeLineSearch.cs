namespace Rosenbrock;

/// <summary>
/// Line search for a step α along a descent direction p satisfying the strong Wolfe conditions
///   f(x + αp) ≤ f(x) + c1 α ∇f(x)·p        (sufficient decrease)
///   |∇f(x + αp)·p| ≤ c2 |∇f(x)·p|          (curvature)
/// Nocedal &amp; Wright, Numerical Optimization, algorithms 3.5 (bracketing) and 3.6 (zoom), with
/// safeguarded cubic interpolation inside the bracket.
/// </summary>
public sealed class StrongWolfeLineSearch(double sufficientDecrease, double curvature, int maxEvaluations)
{
    /// <summary>How much a step grows per bracketing round while f is still decreasing steeply.</summary>
    private const double ExpansionFactor = 4.0;

    /// <summary>
    /// Interpolated trial steps stay this fraction of the bracket away from its ends, so a poor
    /// cubic cannot stall the zoom next to a step it has already tried.
    /// </summary>
    private const double InterpolationSafeguard = 0.1;

    /// <summary>
    /// Searches along <paramref name="direction"/> from <paramref name="x"/>, where the objective is
    /// <paramref name="value"/> with slope <paramref name="slope"/> = ∇f(x)·p &lt; 0. On return
    /// <paramref name="trialPoint"/> and <paramref name="trialGradient"/> hold the accepted point
    /// and its gradient.
    /// </summary>
    public LineSearchResult Search(
        ObjectiveWithGradient objective,
        ReadOnlySpan<double> x,
        double value,
        double slope,
        ReadOnlySpan<double> direction,
        double initialStep,
        Span<double> trialPoint,
        Span<double> trialGradient)
    {
        var ray = new Ray(objective, x, direction, trialPoint, trialGradient);
        double previousStep = 0.0, previousValue = value, previousSlope = slope;
        double step = initialStep;

        while (ray.Evaluations < maxEvaluations)
        {
            double trialValue = ray.Evaluate(step, out double trialSlope);
            if (!SufficientlyDecreases(trialValue, step, value, slope) || (ray.Evaluations > 1 && trialValue >= previousValue))
            {
                return Zoom(ref ray, value, slope, previousStep, previousValue, previousSlope, step, trialValue, trialSlope);
            }
            if (Math.Abs(trialSlope) <= -curvature * slope)
            {
                return new LineSearchResult(true, step, trialValue, ray.Evaluations);
            }
            if (trialSlope >= 0.0)
            {
                // Past the minimum along p: it lies between this step and the previous one.
                return Zoom(ref ray, value, slope, step, trialValue, trialSlope, previousStep, previousValue, previousSlope);
            }
            (previousStep, previousValue, previousSlope) = (step, trialValue, trialSlope);
            step *= ExpansionFactor;
        }
        return new LineSearchResult(false, previousStep, previousValue, ray.Evaluations);
    }

    /// <summary>
    /// Narrows a bracket [low, high] (in either order) that contains an acceptable step; low is
    /// the end with the lower objective, and it already satisfies sufficient decrease.
    /// </summary>
    private LineSearchResult Zoom(
        ref Ray ray, double value, double slope,
        double low, double lowValue, double lowSlope,
        double high, double highValue, double highSlope)
    {
        while (ray.Evaluations < maxEvaluations)
        {
            double trial = SafeguardedCubicMinimum(low, lowValue, lowSlope, high, highValue, highSlope);
            double trialValue = ray.Evaluate(trial, out double trialSlope);
            if (!SufficientlyDecreases(trialValue, trial, value, slope) || trialValue >= lowValue)
            {
                (high, highValue, highSlope) = (trial, trialValue, trialSlope);
                continue;
            }
            if (Math.Abs(trialSlope) <= -curvature * slope)
            {
                return new LineSearchResult(true, trial, trialValue, ray.Evaluations);
            }
            if (trialSlope * (high - low) >= 0.0)
            {
                (high, highValue, highSlope) = (low, lowValue, lowSlope);
            }
            (low, lowValue, lowSlope) = (trial, trialValue, trialSlope);
        }
        // Out of evaluations: fall back to the best step seen, which still decreases f (or is 0).
        double fallbackValue = ray.Evaluate(low, out _);
        return new LineSearchResult(false, low, fallbackValue, ray.Evaluations);
    }

    private bool SufficientlyDecreases(double trialValue, double step, double value, double slope) =>
        trialValue <= value + sufficientDecrease * step * slope;

    /// <summary>
    /// Minimiser of the cubic through (a, fa, da) and (b, fb, db), kept inside the safeguarded
    /// part of the interval; bisection when the cubic has no usable minimum there.
    /// </summary>
    private static double SafeguardedCubicMinimum(double a, double fa, double da, double b, double fb, double db)
    {
        double lower = Math.Min(a, b), upper = Math.Max(a, b);
        double margin = InterpolationSafeguard * (upper - lower);
        double d1 = da + db - 3.0 * (fa - fb) / (a - b);
        double discriminant = d1 * d1 - da * db;
        if (discriminant >= 0.0)
        {
            double d2 = Math.Sign(b - a) * Math.Sqrt(discriminant);
            double candidate = b - (b - a) * (db + d2 - d1) / (db - da + 2.0 * d2);
            if (double.IsFinite(candidate) && candidate >= lower + margin && candidate <= upper - margin)
            {
                return candidate;
            }
        }
        return 0.5 * (a + b);
    }

    /// <summary>The objective restricted to the ray x + αp, writing each trial point and gradient into the caller's buffers.</summary>
    private ref struct Ray
    {
        private readonly ObjectiveWithGradient _objective;
        private readonly ReadOnlySpan<double> _origin;
        private readonly ReadOnlySpan<double> _direction;
        private readonly Span<double> _point;
        private readonly Span<double> _gradient;

        public Ray(ObjectiveWithGradient objective, ReadOnlySpan<double> origin, ReadOnlySpan<double> direction, Span<double> point, Span<double> gradient)
        {
            _objective = objective;
            _origin = origin;
            _direction = direction;
            _point = point;
            _gradient = gradient;
        }

        public int Evaluations { get; private set; }

        /// <summary>f(x + αp), with the directional derivative ∇f(x + αp)·p in <paramref name="slope"/>.</summary>
        public double Evaluate(double step, out double slope)
        {
            for (int i = 0; i < _origin.Length; i++)
            {
                _point[i] = _origin[i] + step * _direction[i];
            }
            Evaluations++;
            double value = _objective(_point, _gradient);
            slope = VectorMath.Dot(_gradient, _direction);
            return value;
        }
    }
}
