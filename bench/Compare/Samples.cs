namespace Bench.Compare;

/// <summary>One measurement (a ratio, or the primal's seconds) over the rounds of one engine build.</summary>
public sealed record Samples(IReadOnlyList<double> Values)
{
    public int Count => Values.Count;

    /// <summary>The minimum over rounds: like the ADBench minimum within a run, the estimate least disturbed by load.</summary>
    public double Min => Values.Min();

    /// <summary>(max − min) / min over the rounds: how much the same build moved between rounds; 0 for one round.</summary>
    public double Spread => Values.Max() / Values.Min() - 1.0;
}
