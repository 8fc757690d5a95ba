using RoundTrip.Statistics.Native;

namespace RoundTrip.Statistics;

/// <summary>
/// Log-likelihood of data under N(mean, sigma²) and its gradient, computed natively: the
/// gradient is Enzyme's reverse-mode derivative of native/gaussian.c, built into libgaussian.so.
/// </summary>
public static class GaussianLikelihood
{
    public static double LogLikelihood(ReadOnlySpan<double> data, double mean, double sigma)
    {
        ReadOnlySpan<double> parameters = [mean, sigma];
        return GaussianNative.gaussian_log_likelihood(parameters, data, data.Length);
    }

    public static LikelihoodGradient Gradient(ReadOnlySpan<double> data, double mean, double sigma)
    {
        ReadOnlySpan<double> parameters = [mean, sigma];
        Span<double> gradient = stackalloc double[2];
        GaussianNative.gaussian_log_likelihood_grad(parameters, gradient, data, data.Length);
        return new LikelihoodGradient(gradient[0], gradient[1]);
    }
}
