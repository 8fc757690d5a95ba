namespace Enzyme.Cuda.Tests.Runtime;

/// <summary>Runs on every machine: with a driver the checks pass; without one they report why instead of throwing.</summary>
public sealed class CudaAvailabilityTests
{
    [Test]
    public void IsAvailableAnswersWithAReasonInsteadOfThrowing()
    {
        bool available = CudaDevice.IsAvailable(out string reason);

        if (available)
        {
            Assert.That(reason, Is.Empty);
            Assert.That(CudaDevice.Count, Is.GreaterThan(0));
        }
        else
        {
            Assert.That(reason, Is.Not.Empty);
            TestContext.Out.WriteLine($"no CUDA here: {reason}");
        }
    }

    [Test]
    public void WithoutADriverTheSafeLayerThrowsCudaUnavailable()
    {
        if (CudaDevice.IsAvailable(out _))
        {
            Assert.Ignore("a CUDA driver is present; this checks the behaviour without one");
        }

        var exception = Assert.Throws<CudaUnavailableException>(() => _ = CudaDevice.Count);
        Assert.That(exception!.Reason, Is.Not.Empty);
        Assert.Throws<CudaUnavailableException>(() => CudaContext.CreateForFirstDevice().Dispose());
    }
}
