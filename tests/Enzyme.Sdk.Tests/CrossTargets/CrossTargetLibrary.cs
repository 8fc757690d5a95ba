using System.IO.Compression;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests.CrossTargets;

/// <summary>
/// Packs one project for linux-x64, linux-arm64 and win-x64 (C and C++ sources, a reverse and a
/// forward EnzymeGradient), once for every test class in this namespace: the package's layout, the
/// arm64 library under qemu and the Windows DLL under wine are all checked on this one build.
/// </summary>
[SetUpFixture]
public sealed class CrossTargetLibrary
{
    public const string LibraryName = "chain";
    public const string PackageId = "CrossTargets.Chain";
    public const string RuntimeIdentifiers = "linux-x64;linux-arm64;win-x64";

    private const string ProgramSource = """
        using System.Globalization;
        using System.Runtime.InteropServices;
        using Sandbox.Native;

        double[] x = new double[6];
        for (int i = 0; i < x.Length; i++) x[i] = 1.3 * Math.Sin(0.7 * i + 0.3);
        double[] gradient = new double[x.Length];
        Chain.energy_grad(x, gradient, x.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"energy={Chain.energy(x, x.Length):R}"));
        for (int i = 0; i < x.Length; i++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient[{i}]={gradient[i]:R}"));
        CLong[] values = [new(3), new(-1), new(7), new(5), new(4)];
        Console.WriteLine($"count_above={Chain.count_above(values, new CLong(values.Length), new CLong(4)).Value}");
        """;

    private static DotnetSandbox? _sandbox;

    public static DotnetSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("the cross-target fixture did not run");

    /// <summary><c>dotnet pack -c Release</c> of the project (it builds it first), at normal verbosity.</summary>
    public static ProcessResult Pack { get; private set; } = null!;

    /// <summary>The package, unzipped.</summary>
    public static string ExtractedPackage => Sandbox.PathOf("extracted");

    public static string ProjectDirectory => Sandbox.PathOf("app");

    public static string OutputDirectory => Path.Combine(ProjectDirectory, "bin", "Release", "net10.0");

    [OneTimeSetUp]
    public void PackForThreeRuntimes()
    {
        _sandbox = new DotnetSandbox("cross-targets");
        string sources = Path.Combine(RepositoryLayout.RepositoryRoot, "tests", "Enzyme.Sdk.Tests", "CrossTargets");
        string project = ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, LibraryName, "Chain", extraItems: """
            <EnzymeSource Include="native/*.cpp" />
                <EnzymeGradient Include="energy" Mode="Reverse" Activity="dup,const" Name="energy_grad" />
                <EnzymeGradient Include="energy" Mode="Forward" Activity="dup,const" Name="energy_tangent" />
                <EnzymeGradient Include="power_sum" Mode="Reverse" Activity="dup,const" Name="power_sum_grad" />
            """);
        project = project.Replace("<PropertyGroup>", $"""
            <PropertyGroup>
                <EnzymeRuntimeIdentifiers>{RuntimeIdentifiers}</EnzymeRuntimeIdentifiers>
                <PackageId>{PackageId}</PackageId>
                <Version>1.0.0</Version>
            """, StringComparison.Ordinal);
        _sandbox.WriteFile("app/App.csproj", project);
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        foreach (string source in new[] { "energy.c", "power_sum.cpp" })
        {
            _sandbox.WriteFile($"app/native/{source}", File.ReadAllText(Path.Combine(sources, "native", source)));
        }
        _sandbox.WriteFile("harness/gradient_harness.c", File.ReadAllText(Path.Combine(sources, "gradient_harness.c")));
        Pack = _sandbox.Dotnet("app", "pack", "-nologo", "-v:n", "-c", "Release", "-o", _sandbox.LocalFeed);
        string package = Path.Combine(_sandbox.LocalFeed, $"{PackageId}.1.0.0.nupkg");
        if (Pack.ExitCode == 0 && File.Exists(package))
        {
            ZipFile.ExtractToDirectory(package, ExtractedPackage);
        }
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    /// <summary>A file of the package (<c>runtimes/&lt;rid&gt;/native/…</c>); fails the test, with the pack log, when it is missing.</summary>
    public static string PackagedFile(string relativePath)
    {
        Assert.That(Pack.ExitCode, Is.Zero, "packing the cross-target project failed:\n" + Pack);
        string path = Path.Combine(ExtractedPackage, relativePath);
        Assert.That(File.Exists(path), Is.True, $"{relativePath} is not in the package; it holds:\n{BuildOutputs.Listing(ExtractedPackage)}");
        return path;
    }

    /// <summary>The C harness, compiled for <paramref name="triple"/> into the sandbox's harness/ folder.</summary>
    public static string CompileHarness(string triple, string outputName, params string[] extraArguments)
    {
        string output = Sandbox.PathOf(Path.Combine("harness", outputName));
        ProcessResult compile = CrossTargetTools.CompileC(triple, Sandbox.PathOf("harness/gradient_harness.c"), output, extraArguments);
        Assert.That(compile.ExitCode, Is.Zero, compile.ToString());
        return output;
    }
}
