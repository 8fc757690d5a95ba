namespace GmmBench;

/// <summary>One row of bench/results/&lt;name&gt;.json (the format is in bench/README.md).</summary>
public sealed record ResultRow(string Case, string Tool, double Seconds, double Ratio, bool Checked, string Note);
