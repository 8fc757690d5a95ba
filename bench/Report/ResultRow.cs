namespace Bench.Report;

/// <summary>One row of a benchmark's results file (the format is in bench/README.md).</summary>
public sealed record ResultRow(string Case, string Tool, double Seconds, double Ratio, bool Checked, string? Note);
