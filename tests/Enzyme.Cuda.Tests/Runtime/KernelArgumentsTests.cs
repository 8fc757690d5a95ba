using System.Runtime.InteropServices;

namespace Enzyme.Cuda.Tests.Runtime;

public sealed class KernelArgumentsTests
{
    [Test]
    public void KeepsEachValueAlignedToItsSize()
    {
        var arguments = new KernelArguments(1)
            .Add(1.5f)
            .Add((nint)0x5678_9abc)
            .Add((byte)7)
            .Add(2.25);

        Assert.That(arguments.Count, Is.EqualTo(4));
        Assert.That(Enumerable.Range(0, 4).Select(arguments.OffsetOf), Is.EqualTo(new[] { 0, 8, 16, 24 }));
        Assert.That(MemoryMarshal.Read<float>(arguments.ValueOf(0)), Is.EqualTo(1.5f));
        Assert.That(MemoryMarshal.Read<nint>(arguments.ValueOf(1)), Is.EqualTo((nint)0x5678_9abc));
        Assert.That(arguments.ValueOf(2).ToArray(), Is.EqualTo(new byte[] { 7 }));
        Assert.That(MemoryMarshal.Read<double>(arguments.ValueOf(3)), Is.EqualTo(2.25));
    }

    [Test]
    public void KeepsValuesWhenTheStorageGrows()
    {
        var arguments = new KernelArguments(0);
        for (int index = 0; index < 100; index++)
        {
            arguments.Add(index * 3L);
        }

        Assert.That(Enumerable.Range(0, 100).Select(i => MemoryMarshal.Read<long>(arguments.ValueOf(i))), Is.EqualTo(Enumerable.Range(0, 100).Select(i => i * 3L)));
    }

    [Test]
    public void StoresStructBytesAsGiven()
    {
        byte[] pair = [.. BitConverter.GetBytes(3.0), .. BitConverter.GetBytes(-1.0)];
        var arguments = new KernelArguments().Add(5).AddBytes(pair);

        Assert.That(arguments.OffsetOf(1), Is.EqualTo(16));
        Assert.That(arguments.ValueOf(1).ToArray(), Is.EqualTo(pair));
        Assert.Throws<ArgumentException>(() => arguments.AddBytes([]));
    }
}
