using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests.CrossTargets;

/// <summary>
/// EnzymeRuntimeIdentifiers=linux-x64;linux-arm64;win-x64: the package and the output folder hold one
/// library per RID, of the right machine and format, exporting the primal and gradient entry points;
/// the Windows DLL imports only what every Windows has; one bindings file serves all three (C's long
/// as CLong); and `dotnet run` on this machine loads the linux-x64 library.
/// </summary>
[TestFixture]
public sealed class CrossPackageLayoutTests
{
    private static readonly string[] EntryPoints = ["energy", "energy_grad", "energy_tangent", "power_sum", "power_sum_grad", "cxx_runtime_probe"];

    [Test]
    public void Arm64Library_IsAnAArch64SharedObject_ExportingTheGradients()
    {
        ElfImage image = ElfImage.Read(File.ReadAllBytes(CrossTargetLibrary.PackagedFile("runtimes/linux-arm64/native/libchain.so")));
        Assert.Multiple(() =>
        {
            Assert.That(image.Machine, Is.EqualTo(ElfImage.MachineAArch64), "e_machine");
            Assert.That(image.ExportedFunctions, Is.SupersetOf(EntryPoints), "dynamic symbols");
        });
    }

    [Test]
    public void HostLibrary_IsAnX86_64SharedObject_ExportingTheGradients()
    {
        ElfImage image = ElfImage.Read(File.ReadAllBytes(CrossTargetLibrary.PackagedFile("runtimes/linux-x64/native/libchain.so")));
        Assert.Multiple(() =>
        {
            Assert.That(image.Machine, Is.EqualTo(ElfImage.MachineX86_64), "e_machine");
            Assert.That(image.ExportedFunctions, Is.SupersetOf(EntryPoints), "dynamic symbols");
        });
    }

    [Test]
    public void WindowsLibrary_IsAPe32PlusDll_ExportingTheGradients_AndImportingOnlySystemDlls()
    {
        var image = PortableExecutableImage.Read(File.ReadAllBytes(CrossTargetLibrary.PackagedFile("runtimes/win-x64/native/chain.dll")));
        Assert.Multiple(() =>
        {
            Assert.That(image.Machine, Is.EqualTo(PortableExecutableImage.MachineAmd64), "COFF machine");
            Assert.That(image.IsPe32Plus, Is.True, "optional header magic");
            Assert.That(image.Exports, Is.SupersetOf(EntryPoints), "export table");
            // libgcc and libstdc++ are linked statically: no libgcc_s_seh-1.dll, libstdc++-6.dll or libwinpthread-1.dll.
            Assert.That(image.ImportedLibraries.Select(name => name.ToUpperInvariant()), Is.SubsetOf(new[] { "KERNEL32.DLL", "MSVCRT.DLL" }),
                "import table: " + string.Join(", ", image.ImportedLibraries));
        });
    }

    [Test]
    public void OutputFolder_HasTheHostLibraryBesideTheAssembly_AndTheOthersUnderRuntimes()
    {
        Assert.That(CrossTargetLibrary.Pack.ExitCode, Is.Zero, CrossTargetLibrary.Pack.ToString());
        string output = CrossTargetLibrary.OutputDirectory;
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(output, "libchain.so")), Is.True, BuildOutputs.Listing(output));
            Assert.That(File.Exists(Path.Combine(output, "runtimes", "linux-arm64", "native", "libchain.so")), Is.True, BuildOutputs.Listing(output));
            Assert.That(File.Exists(Path.Combine(output, "runtimes", "win-x64", "native", "chain.dll")), Is.True, BuildOutputs.Listing(output));
            Assert.That(Directory.GetFiles(Path.Combine(CrossTargetLibrary.ProjectDirectory, "obj"), "Chain.g.cs", SearchOption.AllDirectories), Has.Length.EqualTo(1),
                "one bindings file for every RID");
        });
    }

    [Test]
    public void Build_CompilesEachRuntimeForItsOwnTriple()
    {
        string log = CrossTargetLibrary.Pack.StandardOutput;
        Assert.Multiple(() =>
        {
            Assert.That(log, Does.Contain("--target=aarch64-linux-gnu"), "arm64 front end and link");
            Assert.That(log, Does.Contain("--target=x86_64-w64-windows-gnu"), "Windows front end and link");
        });
    }

    [Test]
    public void DotnetRun_LoadsTheHostLibrary()
    {
        Assert.That(CrossTargetLibrary.Pack.ExitCode, Is.Zero, CrossTargetLibrary.Pack.ToString());
        ProcessResult run = CrossTargetLibrary.Sandbox.Dotnet("app", "run", "--no-build", "-c", "Release");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        ChainEnergy.AssertValueAndGradient(run.StandardOutput);
        Assert.That(OutputParsing.Number(run.StandardOutput, "count_above"), Is.EqualTo(2), "count_above(long*) through CLong bindings");
    }

    [Test]
    public void Bindings_BindCLongAsCLong_SinceWindowsIsAmongTheRuntimes()
    {
        Assert.That(CrossTargetLibrary.Pack.ExitCode, Is.Zero, CrossTargetLibrary.Pack.ToString());
        string bindings = File.ReadAllText(Directory.GetFiles(Path.Combine(CrossTargetLibrary.ProjectDirectory, "obj"), "Chain.g.cs", SearchOption.AllDirectories).Single());
        Assert.That(bindings, Does.Contain("public static partial CLong count_above(CLong* values, CLong n, CLong threshold);"));
    }
}
