namespace Enzyme.Cuda.Tests.Runtime;

public sealed class LaunchDimensionsTests
{
    [TestCase(1, 256, 1u)]
    [TestCase(256, 256, 1u)]
    [TestCase(257, 256, 2u)]
    [TestCase(1_000_003, 128, 7813u)]
    public void BlocksForCoversEveryElement(long elements, int threadsPerBlock, uint expectedBlocks)
    {
        LaunchDimensions grid = LaunchDimensions.BlocksFor(elements, threadsPerBlock);

        Assert.That(grid, Is.EqualTo(new LaunchDimensions(expectedBlocks)));
        Assert.That((long)grid.X * threadsPerBlock, Is.GreaterThanOrEqualTo(elements));
        Assert.That((long)(grid.X - 1) * threadsPerBlock, Is.LessThan(elements));
    }

    [Test]
    public void RejectsEmptyDimensions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LaunchDimensions(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LaunchDimensions.BlocksFor(0, 128));
        Assert.That(new LaunchDimensions(2, 3, 4).Volume, Is.EqualTo(24UL));
        LaunchDimensions fromConstant = 64u;
        Assert.That((fromConstant.X, fromConstant.Y, fromConstant.Z), Is.EqualTo((64u, 1u, 1u)));
    }
}
