namespace Rosenbrock;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, algorithm 7.5): the inverse Hessian is approximated
/// from the last m steps s = x_{k+1} - x_k and gradient changes y = g_{k+1} - g_k, applied to the
/// gradient by the two-loop recursion in O(mn), never stored as a matrix.
/// </summary>
public sealed class Lbfgs
{
    /// <summary>
    /// A pair is kept only if its curvature s·y is clearly positive; otherwise the update would
    /// make the approximation indefinite and the next direction might not descend.
    /// </summary>
    private const double MinimumRelativeCurvature = 1e-12;

    private readonly LbfgsOptions _options;
    private readonly StrongWolfeLineSearch _lineSearch;

    public Lbfgs(LbfgsOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistorySize, 1);
        _options = options;
        _lineSearch = new StrongWolfeLineSearch(options.SufficientDecrease, options.Curvature, options.MaxLineSearchEvaluations);
    }

    /// <summary>
    /// Minimises <paramref name="objective"/> starting from <paramref name="x"/>, which holds the
    /// last accepted point on return. <paramref name="progress"/> sees every accepted step.
    /// </summary>
    public LbfgsResult Minimize(ObjectiveWithGradient objective, Span<double> x, Action<LbfgsIteration>? progress = null)
    {
        int n = x.Length;
        var history = new CorrectionHistory(_options.HistorySize, n);
        var gradient = new double[n];
        var direction = new double[n];
        var trialPoint = new double[n];
        var trialGradient = new double[n];

        double value = objective(x, gradient);
        int evaluations = 1;
        double gradientNorm = VectorMath.Norm(gradient);

        for (int iteration = 0; ; iteration++)
        {
            if (gradientNorm <= _options.GradientTolerance)
            {
                return new LbfgsResult(true, iteration, evaluations, value, gradientNorm, "gradient norm below tolerance");
            }
            if (iteration == _options.MaxIterations)
            {
                return new LbfgsResult(false, iteration, evaluations, value, gradientNorm, "iteration limit reached");
            }

            history.ApplyInverseHessian(gradient, direction);
            for (int i = 0; i < n; i++)
            {
                direction[i] = -direction[i];
            }
            double slope = VectorMath.Dot(gradient, direction);
            if (!(slope < 0.0))
            {
                // Rounding can leave the model slightly indefinite; restart from steepest descent.
                history.Clear();
                for (int i = 0; i < n; i++)
                {
                    direction[i] = -gradient[i];
                }
                slope = -gradientNorm * gradientNorm;
            }

            // Without curvature pairs the direction is the raw gradient, whose length says nothing
            // about a good step; a unit-length first move is the customary guess. With pairs, the
            // quasi-Newton step α = 1 is usually accepted directly.
            double initialStep = history.Count == 0 ? Math.Min(1.0, 1.0 / gradientNorm) : 1.0;
            LineSearchResult search = _lineSearch.Search(objective, x, value, slope, direction, initialStep, trialPoint, trialGradient);
            evaluations += search.Evaluations;
            if (!search.Succeeded && !(search.Value < value))
            {
                return new LbfgsResult(false, iteration, evaluations, value, gradientNorm, "line search found no decrease");
            }

            history.Add(x, trialPoint, gradient, trialGradient, MinimumRelativeCurvature);
            trialPoint.CopyTo(x);
            trialGradient.CopyTo(gradient);
            value = search.Value;
            gradientNorm = VectorMath.Norm(gradient);
            progress?.Invoke(new LbfgsIteration(iteration + 1, value, gradientNorm, evaluations));
        }
    }
}
