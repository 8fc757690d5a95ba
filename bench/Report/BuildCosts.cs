namespace Bench.Report;

/// <summary>bench/results/build-costs.json, written by bench/build-costs/run.sh.</summary>
public sealed record BuildCosts(
    int CpuCount,
    IReadOnlyList<EnzymeAdMeasurement> EnzymeAd,
    IReadOnlyList<DotnetBuildMeasurement> DotnetBuild,
    IReadOnlyList<RuntimeBuildMeasurement>? RuntimeBuilds = null);
