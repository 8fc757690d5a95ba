namespace Bench.Report;

/// <summary>
/// One enzyme-ad run on a generated module: <c>differentiate</c> (-O0, bitcode out) or
/// <c>differentiate+O2+object</c> (what Enzyme.Sdk runs).
/// </summary>
public sealed record EnzymeAdMeasurement(int Instructions, string Phase, double Seconds, double PeakMiB, bool TimedOut);
