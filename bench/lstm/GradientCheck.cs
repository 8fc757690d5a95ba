namespace Bench.Lstm;

/// <summary>The checks of the LSTM gradient, each an error relative to the gradient's size.</summary>
public static class GradientCheck
{
    /// <summary>
    /// Dot-product test: for random directions v, &lt;gradient, v&gt; against forward mode's
    /// directional derivative. Forward and reverse are independent derivative codes, so they agree
    /// to round-off; relative to |gradient| |v|, so cancellation in the dot product does not matter.
    /// </summary>
    public static double DotProductError(LstmProblem problem, double[] gradient, int directions, Random random)
    {
        double worst = 0.0, norm = Norm(gradient);
        for (int d = 0; d < directions; ++d)
        {
            double[] vMain = RandomVector(problem.MainParams.Length, random), vExtra = RandomVector(problem.ExtraParams.Length, random);
            double[] v = [.. vMain, .. vExtra];
            double dot = 0.0;
            for (int i = 0; i < v.Length; ++i)
            {
                dot += gradient[i] * v[i];
            }
            worst = Math.Max(worst, Math.Abs(dot - problem.Directional(vMain, vExtra)) / (norm * Norm(v)));
        }
        return worst;
    }

    /// <summary>Central differences of the loss for a random subset of parameters, relative to the largest gradient entry.</summary>
    public static double SubsetDifferenceError(LstmProblem problem, double[] gradient, int count, Random random)
    {
        double worst = 0.0, scale = MaxAbs(gradient);
        double[] main = (double[])problem.MainParams.Clone(), extra = (double[])problem.ExtraParams.Clone();
        for (int c = 0; c < count; ++c)
        {
            int k = random.Next(gradient.Length);
            double[] target = k < main.Length ? main : extra;
            int at = k < main.Length ? k : k - main.Length;
            double saved = target[at], step = LstmRun.DifferenceStep * Math.Max(1.0, Math.Abs(saved));
            target[at] = saved + step;
            double plus = problem.Loss(main, extra);
            target[at] = saved - step;
            double minus = problem.Loss(main, extra);
            target[at] = saved;
            worst = Math.Max(worst, Math.Abs((plus - minus) / (2.0 * step) - gradient[k]) / scale);
        }
        return worst;
    }

    /// <summary>Largest entrywise difference, relative to the largest entry of <paramref name="reference"/>.</summary>
    public static double MaxDifference(double[] candidate, double[] reference)
    {
        double worst = 0.0;
        for (int i = 0; i < reference.Length; ++i)
        {
            worst = Math.Max(worst, Math.Abs(candidate[i] - reference[i]));
        }
        return worst / MaxAbs(reference);
    }

    private static double[] RandomVector(int count, Random random)
    {
        var v = new double[count];
        for (int i = 0; i < count; ++i)
        {
            v[i] = 2.0 * random.NextDouble() - 1.0;
        }
        return v;
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private static double MaxAbs(double[] v) => v.Max(Math.Abs);
}
