namespace Bench.Report;

/// <summary>
/// One target of the benchmark issue and how this run fared: <see cref="Met"/> is null when the
/// run has no result to judge it by (a benchmark missing or failed).
/// </summary>
public sealed record TargetCheck(string Target, bool? Met, string Detail)
{
    public string Verdict => Met switch
    {
        true => "met",
        false => "**missed**",
        null => "not measured",
    };
}
