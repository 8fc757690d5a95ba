namespace Bench.Report;

/// <summary>One <c>dotnet build</c> of a library for <see cref="Count"/> RIDs (<c>EnzymeRuntimeIdentifiers</c>) after touching its sources.</summary>
public sealed record RuntimeBuildMeasurement(string RuntimeIdentifiers, int Count, double Seconds, double PeakMiB);
