namespace RoundTrip.Statistics;

/// <summary>Partial derivatives of a log-likelihood with respect to the mean and the standard deviation.</summary>
public readonly record struct LikelihoodGradient(double Mean, double Sigma);
