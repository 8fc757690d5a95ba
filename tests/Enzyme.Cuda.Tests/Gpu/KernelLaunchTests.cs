namespace Enzyme.Cuda.Tests.Gpu;

public sealed class KernelLaunchTests : GpuFixture
{
    [Test]
    public void SaxpyMatchesTheCpu()
    {
        // Not a multiple of the block size, so the bounds check in the kernel matters.
        const int Count = 1_000_003;
        const float A = 2.5f;
        float[] x = Enumerable.Range(0, Count).Select(i => MathF.Sin(i * 0.001f)).ToArray();
        float[] y = Enumerable.Range(0, Count).Select(i => i % 17 - 8f).ToArray();
        float[] expected = x.Zip(y, (xi, yi) => MathF.FusedMultiplyAdd(A, xi, yi)).ToArray();

        using CudaModule module = LoadSaxpyModule();
        using var deviceX = DeviceBuffer<float>.CopiedFrom(Context, x);
        using var deviceY = DeviceBuffer<float>.CopiedFrom(Context, y);
        module.GetKernel("saxpy").Launch(
            LaunchDimensions.BlocksFor(Count, 256), 256u,
            new KernelArguments(4).Add(deviceX).Add(deviceY).Add(A).Add(Count));
        Context.Synchronize();
        float[] result = deviceY.ToArray();

        Assert.That(result, Is.EqualTo(expected).Within(1e-6f));
        Assert.That(deviceX.ToArray(), Is.EqualTo(x), "x is read only");
    }

    [Test]
    public void StructArgumentsArePassedByValue()
    {
        const uint Count = 4099;
        double[] x = Enumerable.Range(0, (int)Count).Select(i => i * 0.5 - 100).ToArray();
        byte[] affine = [.. BitConverter.GetBytes(-3.0), .. BitConverter.GetBytes(0.25)];

        using CudaModule module = LoadSaxpyModule();
        using var deviceX = DeviceBuffer<double>.CopiedFrom(Context, x);
        using var output = new DeviceBuffer<double>(Context, (int)Count);
        module.GetKernel("affine_f64").Launch(
            LaunchDimensions.BlocksFor(Count, 128), 128u,
            new KernelArguments().Add(output).Add(deviceX).AddBytes(affine).Add(Count));

        Assert.That(output.ToArray(), Is.EqualTo(x.Select(v => -3.0 * v + 0.25)).Within(1e-12));
    }

    [Test]
    public void LaunchesFromAnotherThread()
    {
        const int Count = 1000;
        using CudaModule module = LoadSaxpyModule();
        using var x = DeviceBuffer<float>.CopiedFrom(Context, Enumerable.Repeat(1f, Count).ToArray());
        using var y = new DeviceBuffer<float>(Context, Count);
        y.Clear();

        // The driver binds contexts to threads; the safe layer must make it current there.
        var worker = new Thread(() => module.GetKernel("saxpy").Launch(
            LaunchDimensions.BlocksFor(Count, 64), 64u, new KernelArguments().Add(x).Add(y).Add(3f).Add(Count)));
        worker.Start();
        worker.Join();

        Assert.That(y.ToArray(), Is.All.EqualTo(3f));
    }
}
