namespace GmmBench;

/// <summary>
/// Normwise relative difference of two gradients, max_j |a_j - b_j| / max_j |b_j|: a
/// component that is tiny next to the others is judged by the scale of the whole gradient, not
/// by its own size, which rounding would dominate.
/// </summary>
public static class GradientComparison
{
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> reference)
    {
        if (actual.Length != reference.Length)
        {
            throw new ArgumentException("gradients of different lengths");
        }
        double largestDifference = 0.0, scale = 0.0;
        for (int j = 0; j < actual.Length; j++)
        {
            double difference = Math.Abs(actual[j] - reference[j]);
            // NaN must fail the check: Math.Max propagates it, a comparison would drop it.
            largestDifference = Math.Max(largestDifference, double.IsFinite(actual[j]) ? difference : double.NaN);
            scale = Math.Max(scale, Math.Abs(reference[j]));
        }
        return largestDifference / Math.Max(scale, double.Epsilon);
    }
}
