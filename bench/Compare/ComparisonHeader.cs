namespace Bench.Compare;

/// <summary>What the comparison's heading says: the two builds, the rounds, and a shortened timing batch if any.</summary>
/// <param name="Baseline">The baseline build, as compare-engines.sh describes it (the enzyme-ad.dll path).</param>
/// <param name="Current">The current build (the packed Enzyme.Sdk version and commit).</param>
/// <param name="Rounds">Rounds of the baseline build (the current build ran as many).</param>
/// <param name="MinBatchSeconds">ADBENCH_MIN_BATCH_SECONDS when it was set.</param>
/// <param name="SameMachineCode">Benchmarks whose two builds have byte-identical machine code.</param>
public sealed record ComparisonHeader(
    string Baseline, string Current, int Rounds, string? MinBatchSeconds, IReadOnlySet<string> SameMachineCode, DateTime Generated);
