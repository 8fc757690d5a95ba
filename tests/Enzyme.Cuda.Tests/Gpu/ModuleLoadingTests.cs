using Enzyme.Cuda.Interop;

namespace Enzyme.Cuda.Tests.Gpu;

public sealed class ModuleLoadingTests : GpuFixture
{
    [Test]
    public void BadPtxFailsWithTheJitLog()
    {
        const string ptx = ".version 8.0\n.target sm_80\n.address_size 64\n.visible .entry broken()\n{\n  not_an_instruction %r1;\n  ret;\n}\n";

        var exception = Assert.Throws<CudaException>(() => CudaModule.FromPtx(Context, ptx).Dispose());

        Assert.That(exception!.Call, Is.EqualTo("cuModuleLoadDataEx"));
        Assert.That(exception.ResultName, Does.StartWith("CUDA_ERROR_"));
        Assert.That(exception.JitLog, Does.Contain("line 6"), "the JIT log should point at the bad line");
        Assert.That(exception.Message, Does.Contain(exception.JitLog));
    }

    [Test]
    public void UnknownKernelIsNotFound()
    {
        using CudaModule module = LoadSaxpyModule();

        var exception = Assert.Throws<CudaException>(() => module.GetKernel("no_such_kernel"));

        Assert.That(exception!.Result, Is.EqualTo(CUresult.CUDA_ERROR_NOT_FOUND));
        Assert.That(exception.Message, Does.Contain("no_such_kernel"));
        CudaKernel first = module.GetKernel("saxpy");
        Assert.That(module.GetKernel("saxpy"), Is.SameAs(first), "kernels are looked up once per module");
    }

    [Test]
    public void MissingResourceNamesTheOnesThatExist()
    {
        var exception = Assert.Throws<ArgumentException>(() => CudaModule.FromResource(Context, typeof(ModuleLoadingTests).Assembly, "absent.ptx"));

        Assert.That(exception!.Message, Does.Contain("absent.ptx"));
    }

    [Test]
    public void DeviceReportsItsProperties()
    {
        CudaDevice device = Context.Device;

        Assert.That(device.Name, Is.Not.Empty);
        Assert.That(device.ComputeCapability.Major, Is.GreaterThanOrEqualTo(3));
        Assert.That(device.MultiprocessorCount, Is.GreaterThan(0));
        Assert.That(device.MaxThreadsPerBlock, Is.GreaterThanOrEqualTo(256));
        Assert.That(device.TotalMemoryBytes, Is.GreaterThan(0));
    }
}
