using Enzyme.Cuda.Tests.Support;

namespace Enzyme.Cuda.Tests.Gpu;

/// <summary>
/// Base of the tests that need a CUDA device: one context per fixture, and every test of the
/// fixture skipped with the driver's reason when there is none.
/// </summary>
[Category("Gpu")]
public abstract class GpuFixture
{
    private CudaContext? _context;
    private TemporaryDirectory? _directory;

    protected CudaContext Context => _context ?? throw new InvalidOperationException("The fixture set-up did not run.");

    protected TemporaryDirectory Directory => _directory ?? throw new InvalidOperationException("The fixture set-up did not run.");

    [OneTimeSetUp]
    public void OpenDevice()
    {
        if (!CudaDevice.IsAvailable(out string reason))
        {
            Assert.Ignore($"no CUDA driver: {reason}");
        }
        _context = CudaContext.CreateForFirstDevice();
        _directory = new TemporaryDirectory("gpu");
        TestContext.Out.WriteLine($"device: {_context.Device}, {_context.Device.TotalMemoryBytes >> 20} MiB");
    }

    [OneTimeTearDown]
    public void CloseDevice()
    {
        _context?.Dispose();
        _directory?.Dispose();
    }

    protected CudaModule LoadSaxpyModule()
    {
        (string ptx, string origin) = TestKernels.SaxpyPtx(Directory);
        TestContext.Out.WriteLine($"PTX: {origin}");
        return CudaModule.FromPtx(Context, ptx);
    }
}
