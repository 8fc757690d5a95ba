namespace Enzyme.Cuda.Tests.Gpu;

public sealed class DeviceBufferTests : GpuFixture
{
    [Test]
    public void RoundTripsAndClears()
    {
        long[] values = Enumerable.Range(0, 3001).Select(i => (long)i * i - 7).ToArray();
        using var buffer = DeviceBuffer<long>.CopiedFrom(Context, values);

        Assert.That(buffer.SizeInBytes, Is.EqualTo(3001L * sizeof(long)));
        Assert.That(buffer.DevicePointer, Is.Not.EqualTo((nint)0));
        Assert.That(buffer.ToArray(), Is.EqualTo(values));

        buffer.Clear();
        Assert.That(buffer.ToArray(), Is.All.EqualTo(0L));
    }

    [Test]
    public void CopiesPrefixesAndRejectsOversizedSpans()
    {
        using var buffer = new DeviceBuffer<int>(Context, 8);
        buffer.Clear();
        buffer.CopyFrom([5, 6, 7]);
        int[] prefix = new int[4];
        buffer.CopyTo(prefix);

        Assert.That(prefix, Is.EqualTo(new[] { 5, 6, 7, 0 }));
        Assert.Throws<ArgumentException>(() => buffer.CopyFrom(new int[9]));
        Assert.Throws<ArgumentException>(() => buffer.CopyTo(new int[9]));
    }

    [Test]
    public void DisposedBuffersCannotBeUsed()
    {
        var buffer = new DeviceBuffer<float>(Context, 16);
        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _ = buffer.DevicePointer);
        Assert.Throws<ObjectDisposedException>(() => buffer.Clear());
    }
}
