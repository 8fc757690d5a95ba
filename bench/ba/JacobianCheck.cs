namespace Bench.Ba;

/// <summary>Compares Jacobians block by block, relative to each block row's largest entry.</summary>
public static class JacobianCheck
{
    /// <summary>
    /// Largest |a - b| / (1 + max |b| over the row of the 2 x 15 block): the entries of one row
    /// span five orders of magnitude (focal length ~800 against distortion terms ~0.01), so an
    /// error is measured against the row it sits in. The weight derivative is compared the same way.
    /// </summary>
    public static double MaxError(BaRun a, BaRun b, int observations)
    {
        double worst = 0.0;
        for (int o = 0; o < observations; ++o)
        {
            for (int r = 0; r < 2; ++r)
            {
                double scale = 0.0;
                for (int k = 0; k < 15; ++k)
                {
                    scale = Math.Max(scale, Math.Abs(b.Jacobian[30 * o + 2 * k + r]));
                }
                for (int k = 0; k < 15; ++k)
                {
                    int at = 30 * o + 2 * k + r;
                    worst = Math.Max(worst, Math.Abs(a.Jacobian[at] - b.Jacobian[at]) / (1.0 + scale));
                }
            }
            worst = Math.Max(worst, Math.Abs(a.WeightDerivative[o] - b.WeightDerivative[o]) / (1.0 + Math.Abs(b.WeightDerivative[o])));
        }
        return worst;
    }

    /// <summary>Largest error of the weight derivative against its closed form -2 w.</summary>
    public static double WeightClosedFormError(BaRun run, double[] weights)
    {
        double worst = 0.0;
        for (int o = 0; o < weights.Length; ++o)
        {
            worst = Math.Max(worst, Math.Abs(run.WeightDerivative[o] + 2.0 * weights[o]));
        }
        return worst;
    }

    /// <summary>Largest difference between two runs' residuals (the forward sweep recomputes them).</summary>
    public static double ResidualError(BaRun a, BaRun b)
    {
        double worst = 0.0;
        for (int i = 0; i < a.Reprojection.Length; ++i)
        {
            worst = Math.Max(worst, Math.Abs(a.Reprojection[i] - b.Reprojection[i]) / (1.0 + Math.Abs(b.Reprojection[i])));
        }
        return worst;
    }
}
