using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/RoundTrip: `dotnet pack` of a library using Enzyme.Sdk gives a package with the managed
/// bindings and the native library under runtimes/&lt;rid&gt;/native for linux-x64, linux-arm64 (ELF
/// aarch64) and win-x64 (PE32+ DLL), and a console app that
/// references only that package calls the gradient and gets the closed form.
/// </summary>
[TestFixture]
public sealed class PackageRoundTripTests
{
    private const string PackageId = "RoundTrip.Statistics";
    private const string PackageVersion = "1.0.0";

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _pack = null!;

    private string PackagePath => Path.Combine(_sandbox.LocalFeed, $"{PackageId}.{PackageVersion}.nupkg");

    [OneTimeSetUp]
    public void PackTheLibrary()
    {
        _sandbox = new DotnetSandbox("roundtrip", "RoundTrip.*");
        _sandbox.CopyFromRepository(RepositoryLayout.Sample("RoundTrip"), "RoundTrip");
        _pack = _sandbox.Dotnet("RoundTrip/Library", "pack", "-nologo", "-c", "Release", "-o", _sandbox.LocalFeed);
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Pack_ProducesThePackage()
    {
        Assert.That(_pack.ExitCode, Is.Zero, _pack.ToString());
        Assert.That(File.Exists(PackagePath), Is.True, $"{PackagePath} missing; feed holds:\n{BuildOutputs.Listing(_sandbox.LocalFeed)}");
    }

    [Test]
    public void Package_HoldsTheManagedAssemblyAndTheNativeLibrary_AndDoesNotDependOnEnzymeSdk()
    {
        RequirePackage();
        using ZipArchive package = ZipFile.OpenRead(PackagePath);
        string[] entries = package.Entries.Select(entry => entry.FullName).ToArray();
        string listing = string.Join('\n', entries);

        Assert.Multiple(() =>
        {
            Assert.That(entries, Does.Contain("lib/net10.0/RoundTrip.Statistics.dll"), listing);
            Assert.That(entries, Does.Contain("runtimes/linux-x64/native/libgaussian.so"), listing);
        });

        Assert.Multiple(() =>
        {
            Assert.That(ElfImage.Read(EntryBytes(package, "runtimes/linux-x64/native/libgaussian.so")).Machine, Is.EqualTo(ElfImage.MachineX86_64), listing);
            ElfImage arm64 = ElfImage.Read(EntryBytes(package, "runtimes/linux-arm64/native/libgaussian.so"));
            Assert.That(arm64.Machine, Is.EqualTo(ElfImage.MachineAArch64), "the linux-arm64 library's e_machine");
            Assert.That(arm64.ExportedFunctions, Does.Contain("gaussian_log_likelihood_grad"));
            var windows = PortableExecutableImage.Read(EntryBytes(package, "runtimes/win-x64/native/gaussian.dll"));
            Assert.That(windows.Machine == PortableExecutableImage.MachineAmd64 && windows.IsPe32Plus, Is.True, "gaussian.dll is not a PE32+ x86-64 DLL");
            Assert.That(windows.Exports, Does.Contain("gaussian_log_likelihood_grad"));
        });

        // Enzyme.Sdk is a build-time tool (PrivateAssets=all, DevelopmentDependency): consumers
        // of the library must not inherit it.
        ZipArchiveEntry nuspec = package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream nuspecStream = nuspec.Open();
        string[] dependencies = XDocument.Load(nuspecStream).Descendants()
            .Where(element => element.Name.LocalName == "dependency")
            .Select(element => (string?)element.Attribute("id") ?? "")
            .ToArray();
        Assert.That(dependencies, Has.None.EqualTo("Enzyme.Sdk").IgnoreCase, "the package declares a dependency on Enzyme.Sdk");
    }

    [Test]
    public void Consumer_OfThePackage_GetsTheClosedFormGradient()
    {
        RequirePackage();
        ProcessResult run = _sandbox.Dotnet("RoundTrip/Consumer", "run", "-c", "Release");

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        // The consumer checks itself; its numbers are checked here too, against the formula
        // evaluated by the test, so a consumer that checks wrongly cannot pass.
        (double expectedMean, double expectedSigma) = ExpectedGradient();
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(NativeValue(run, "dlogL/dmean"), expectedMean, 1e-12, "∂logL/∂μ");
            OutputParsing.AssertClose(NativeValue(run, "dlogL/dsigma"), expectedSigma, 1e-12, "∂logL/∂σ");
        });
    }

    private static byte[] EntryBytes(ZipArchive package, string name)
    {
        ZipArchiveEntry entry = package.GetEntry(name) ?? throw new AssertionException($"{name} is not in the package");
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>∂logL/∂μ = Σ(xᵢ - μ)/σ², ∂logL/∂σ = -n/σ + Σ(xᵢ - μ)²/σ³ for the consumer's fixed data and parameters.</summary>
    private static (double Mean, double Sigma) ExpectedGradient()
    {
        double[] data = [2.1, 1.4, 3.3, 0.7, 2.9, 1.8, 2.4, 1.1];
        const double mean = 1.5, sigma = 0.8;
        double sumResiduals = data.Sum(x => x - mean), sumSquares = data.Sum(x => (x - mean) * (x - mean));
        return (sumResiduals / (sigma * sigma), -data.Length / sigma + sumSquares / (sigma * sigma * sigma));
    }

    /// <summary>The native value from the consumer's "name native=… closed=…" line.</summary>
    private static double NativeValue(ProcessResult run, string quantity)
    {
        Match line = Regex.Match(run.StandardOutput, $@"^{Regex.Escape(quantity)} native=(?<native>\S+) ", RegexOptions.Multiline);
        Assert.That(line.Success, Is.True, $"no line for {quantity}:\n{run}");
        return double.Parse(line.Groups["native"].Value, CultureInfo.InvariantCulture);
    }

    private void RequirePackage() =>
        Assert.That(_pack.ExitCode == 0 && File.Exists(PackagePath), Is.True, "packing the library failed, so there is nothing to check:\n" + _pack);
}
