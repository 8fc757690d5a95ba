using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests.CrossTargets;

/// <summary>
/// The package's runtimes/win-x64/native/chain.dll, loaded with LoadLibrary by a C harness built
/// with mingw-w64 and run under wine64 (one run for the class: wine's first start in a new prefix
/// takes seconds): value, reverse gradient, forward tangent, the C++ function and its runtime.
/// </summary>
[TestFixture]
public sealed class WindowsUnderWineTests
{
    private ProcessResult _run = null!;

    [OneTimeSetUp]
    public void RunTheHarness()
    {
        string library = CrossTargetLibrary.PackagedFile($"runtimes/win-x64/native/{CrossTargetLibrary.LibraryName}.dll");
        string harness = CrossTargetLibrary.CompileHarness("x86_64-w64-windows-gnu", "harness.exe", "-static-libgcc");
        // Next to the program, where LoadLibrary looks first: no Unix path crosses into wine.
        File.Copy(library, Path.Combine(Path.GetDirectoryName(harness)!, Path.GetFileName(library)), overwrite: true);
        _run = CrossTargetTools.RunUnderWine(CrossTargetLibrary.Sandbox.PathOf("wineprefix"), harness, Path.GetFileName(library));
    }

    [Test]
    public void Harness_IsAWindowsProgram()
    {
        var image = PortableExecutableImage.Read(File.ReadAllBytes(CrossTargetLibrary.Sandbox.PathOf("harness/harness.exe")));
        Assert.That(image.Machine, Is.EqualTo(PortableExecutableImage.MachineAmd64));
    }

    [Test]
    public void Library_GivesTheClosedFormGradient_AndPassesTheHarnessChecks() => ChainEnergy.AssertHarnessOutput(_run);
}
