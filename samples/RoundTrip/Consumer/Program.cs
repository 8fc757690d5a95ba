using RoundTrip.Statistics;

namespace RoundTrip.Consumer;

/// <summary>
/// Calls the packaged native gradient and checks it against the closed form
///   ∂/∂μ log L = Σ(xᵢ - μ) / σ²,   ∂/∂σ log L = -n/σ + Σ(xᵢ - μ)² / σ³.
/// Exit code 0 only if every value agrees to near machine precision.
/// </summary>
public static class Program
{
    /// <summary>The native and the managed formula sum in different orders; anything above this is a real error.</summary>
    private const double RelativeTolerance = 1e-12;

    public static int Main()
    {
        double[] data = [2.1, 1.4, 3.3, 0.7, 2.9, 1.8, 2.4, 1.1];
        const double mean = 1.5, sigma = 0.8;

        double sumResiduals = 0.0, sumSquares = 0.0;
        foreach (double x in data)
        {
            sumResiduals += x - mean;
            sumSquares += (x - mean) * (x - mean);
        }
        int n = data.Length;
        double expectedLogLikelihood = -n * Math.Log(sigma) - 0.5 * n * Math.Log(2.0 * Math.PI) - sumSquares / (2.0 * sigma * sigma);
        double expectedMeanDerivative = sumResiduals / (sigma * sigma);
        double expectedSigmaDerivative = -n / sigma + sumSquares / (sigma * sigma * sigma);

        LikelihoodGradient gradient = GaussianLikelihood.Gradient(data, mean, sigma);
        bool allAgree =
            Report("logL", GaussianLikelihood.LogLikelihood(data, mean, sigma), expectedLogLikelihood)
            & Report("dlogL/dmean", gradient.Mean, expectedMeanDerivative)
            & Report("dlogL/dsigma", gradient.Sigma, expectedSigmaDerivative);
        Console.WriteLine(allAgree ? "all values match the closed form" : "MISMATCH against the closed form");
        return allAgree ? 0 : 1;
    }

    /// <summary>Prints one "name native=… closed=… relerr=…" line and says whether the two agree.</summary>
    private static bool Report(string name, double native, double closedForm)
    {
        double relativeError = Math.Abs(native - closedForm) / Math.Max(Math.Abs(closedForm), double.Epsilon);
        bool agrees = relativeError <= RelativeTolerance;
        Console.WriteLine($"{name} native={native:R} closed={closedForm:R} relerr={relativeError:E2} {(agrees ? "ok" : "FAILED")}");
        return agrees;
    }
}
