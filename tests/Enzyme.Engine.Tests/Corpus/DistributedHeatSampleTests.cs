using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// samples/DistributedHeat (a heat equation split across ranks, gradient w.r.t. the initial condition checked
/// against finite differences, then gradient descent) built like the MPI corpus and run with 4 and 3 ranks.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DistributedHeatSampleTests
{
    [TestCase("-O2")]
    [TestCase("-O0")]
    public void DistributedHeat(string level) =>
        MpiProgram.BuildAndRunSource(Path.Combine(RepositoryLayout.Root, "samples", "DistributedHeat", "heat.c"), level, [4, 3]);
}
