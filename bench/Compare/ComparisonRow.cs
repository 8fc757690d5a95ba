namespace Bench.Compare;

/// <summary>
/// One case and tool of a benchmark, measured with both engine builds. The primal's ratio is 1 by
/// definition, so its row compares seconds instead: the primal also goes through enzyme-ad's
/// pipeline, and a change in its time moves every ratio of the case. SameMachineCode: both builds'
/// libraries of this benchmark have byte-identical machine code, so any difference is noise.
/// </summary>
public sealed record ComparisonRow(string Benchmark, string Case, string Tool, Samples Baseline, Samples Current, bool SameMachineCode)
{
    public bool ComparesSeconds => Tool == "primal";

    /// <summary>Current minimum ÷ baseline minimum; below 1 the current build is faster.</summary>
    public double? Change => Baseline.Count > 0 && Current.Count > 0 ? Current.Min / Baseline.Min : null;

    /// <summary>The larger of the two spreads: a change no bigger than this is not told apart from noise.</summary>
    public double Noise => Math.Max(Baseline.Count > 0 ? Baseline.Spread : 0.0, Current.Count > 0 ? Current.Spread : 0.0);

    /// <summary>
    /// "same code" when the machine code is identical (no change can be real); otherwise "within
    /// spread" when the change is no bigger than what either build moved between its own rounds;
    /// needs two rounds on both sides, since one round has no spread to judge by.
    /// </summary>
    public string Verdict
    {
        get
        {
            if (Change is not double change)
            {
                return "–";
            }
            if (SameMachineCode)
            {
                return "same code";
            }
            if (Baseline.Count < 2 || Current.Count < 2)
            {
                return "–";
            }
            if (Math.Abs(change - 1.0) <= Noise)
            {
                return "within spread";
            }
            return change < 1.0 ? "**faster**" : "**slower**";
        }
    }
}
