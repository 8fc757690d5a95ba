using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests.CrossTargets;

/// <summary>
/// The package's runtimes/linux-arm64/native/libchain.so, loaded with dlopen by a C harness
/// cross-compiled for aarch64 and run under qemu-aarch64: value, reverse gradient (closed form and
/// finite differences), forward tangent against the gradient, the C++ function and its runtime.
/// </summary>
[TestFixture]
public sealed class Arm64UnderQemuTests
{
    private ProcessResult _run = null!;

    [OneTimeSetUp]
    public void RunTheHarness()
    {
        string library = CrossTargetLibrary.PackagedFile($"runtimes/linux-arm64/native/lib{CrossTargetLibrary.LibraryName}.so");
        string harness = CrossTargetLibrary.CompileHarness("aarch64-linux-gnu", "harness-arm64", "-ldl", "-lm");
        _run = CrossTargetTools.RunUnderQemu(harness, library);
    }

    [Test]
    public void Harness_IsAnArm64Program()
    {
        byte[] image = File.ReadAllBytes(CrossTargetLibrary.Sandbox.PathOf("harness/harness-arm64"));
        Assert.That(ElfImage.Read(image).Machine, Is.EqualTo(ElfImage.MachineAArch64), "the harness must run under qemu, not natively");
    }

    [Test]
    public void Library_GivesTheClosedFormGradient_AndPassesTheHarnessChecks() => ChainEnergy.AssertHarnessOutput(_run);
}
