namespace Bench.Report;

/// <summary>
/// One <c>dotnet build</c> of a library for <see cref="Count"/> RIDs (<c>EnzymeRuntimeIdentifiers</c>) after
/// touching its sources: wall clock, CPU time (user + system) and the machine's 1-minute load average when it ended.
/// </summary>
public sealed record RuntimeBuildMeasurement(string RuntimeIdentifiers, int Count, double Seconds, double CpuSeconds, double PeakMiB, double LoadAverage);
