namespace Bench.Report;

/// <summary>One <c>dotnet build</c> of samples/Rosenbrock: <c>cold</c>, <c>no-op</c> or <c>touched</c>.</summary>
public sealed record DotnetBuildMeasurement(string Scenario, double Seconds, double PeakMiB);
