using System.Globalization;
using System.IO.Compression;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// samples/CMakeConsumer: every Enzyme.Sdk build writes a CMake package (Config, ConfigVersion,
/// the IMPORTED target and a C header), and a plain CMake C project finds it with
/// find_package, links the differentiated library, and gets the gradient the test computes in
/// closed form, from the build output folder and from the extracted NuGet package.
/// </summary>
[TestFixture]
public sealed class CMakePackageTests
{
    private static readonly TimeSpan CMakeTimeout = TimeSpan.FromMinutes(2);
    private static readonly double[] X = [0.5, -1.2, 2.0, -2.9];
    private static readonly double[] V = [1.0, 0.5, -0.25, 2.0];

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    private string OutputFolder => _sandbox.PathOf("CMakeConsumer/bin/Debug/net10.0");

    private string ConfigDirectory => Path.Combine(OutputFolder, "lib", "cmake", "styblinski");

    [OneTimeSetUp]
    public void BuildTheLibrary()
    {
        _sandbox = new DotnetSandbox("cmake-package");
        _sandbox.CopyFromRepository(RepositoryLayout.Sample("CMakeConsumer"), "CMakeConsumer");
        _build = _sandbox.Build("CMakeConsumer");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Build_WritesARelocatableConfigWithTheImportedTarget()
    {
        RequireBuild();
        string config = File.ReadAllText(Path.Combine(ConfigDirectory, "styblinskiConfig.cmake"));
        string version = File.ReadAllText(Path.Combine(ConfigDirectory, "styblinskiConfigVersion.cmake"));
        Assert.Multiple(() =>
        {
            Assert.That(config, Does.Contain("add_library(styblinski::styblinski SHARED IMPORTED)"));
            Assert.That(config, Does.Contain("IMPORTED_LOCATION").And.Contain("INTERFACE_INCLUDE_DIRECTORIES"));
            Assert.That(config, Does.Contain("${CMAKE_CURRENT_LIST_DIR}"));
            Assert.That(config, Does.Not.Contain(_sandbox.Root), "the config names an absolute path, so it is not relocatable");
            Assert.That(version, Does.Contain("set(PACKAGE_VERSION \"1.2.0\")"), "the version comes from the project's Version");
        });
    }

    [Test]
    public void Build_WritesAHeaderWithPrimalAndDerivativePrototypes_ThatCompilesAsCAndCxx()
    {
        RequireBuild();
        string header = Path.Combine(OutputFolder, "include", "styblinski.h");
        string text = File.ReadAllText(header);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("double styblinski(const double *x, int n);"), "primal");
            Assert.That(text, Does.Contain("void styblinski_grad(const double *x, double *d_x, int n);"), "EnzymeGradient item");
            Assert.That(text, Does.Contain("double styblinski_directional(const double *x, const double *v, int n);"), "C wrapper calling __enzyme_fwddiff");
            Assert.That(text, Does.Contain("extern \"C\" {"));
            Assert.That(text, Does.Not.Contain("__enzyme_"), "the Enzyme API is not part of the library");
        });
        string clang = Path.Combine(LlvmRoot(), "bin", "clang");
        foreach (string language in new[] { "c", "c++" })
        {
            ProcessResult check = Run(clang, ["-fsyntax-only", "-Wall", "-Werror", "-x", language, header], OutputFolder);
            Assert.That(check.ExitCode, Is.Zero, $"the header does not compile as {language}:\n{check}");
        }
    }

    [Test]
    public void CMakeConsumer_FromTheOutputFolder_LinksAndGetsTheGradient()
    {
        RequireBuild();
        ProcessResult run = BuildAndRunConsumer("from-output", $"-Dstyblinski_DIR={ConfigDirectory}");
        AssertConsumerNumbers(run);
    }

    [TestCase("1.0", true)]
    [TestCase("1.2.0 EXACT", true)]
    [TestCase("1.0...<2.0", true)]
    [TestCase("1.3", false)]
    [TestCase("2.0", false)]
    [TestCase("99.0", false)]
    [TestCase("1.3...1.5", false)]
    public void FindPackage_AcceptsOnlyTheSameMajorVersionAtOrBelowTheProjectVersion(string request, bool accepted)
    {
        RequireBuild();
        string folder = $"version-{Guid.NewGuid():N}";
        _sandbox.WriteFile($"{folder}/CMakeLists.txt", $"""
            cmake_minimum_required(VERSION 3.19)
            project(version_check LANGUAGES NONE)
            find_package(styblinski {request} CONFIG REQUIRED)
            """);
        ProcessResult configure = Run("cmake", ["-S", _sandbox.PathOf(folder), "-B", _sandbox.PathOf(folder + "/build"), $"-Dstyblinski_DIR={ConfigDirectory}"], _sandbox.Root);
        if (accepted)
        {
            Assert.That(configure.ExitCode, Is.Zero, configure.ToString());
        }
        else
        {
            Assert.That(configure.ExitCode, Is.Not.Zero, configure.ToString());
            Assert.That(configure.Output, Does.Contain("1.2.0"), "the error names the version found");
        }
    }

    [Test]
    public void Pack_PutsThePackageInBuildNative_AndTheExtractedPackageServesACMakeConsumer()
    {
        RequireBuild();
        ProcessResult pack = _sandbox.Dotnet("CMakeConsumer", "pack", "-nologo", "-c", "Release", "-o", _sandbox.LocalFeed);
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        Assert.That(pack.Output, Does.Not.Contain("NU5103").And.Not.Contain("NU5128"), "NuGet must not read the CMake files as a target framework");
        string package = Path.Combine(_sandbox.LocalFeed, "CMakeConsumer.1.2.0.nupkg");
        string extracted = _sandbox.PathOf("extracted-package");
        using (ZipArchive archive = ZipFile.OpenRead(package))
        {
            string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
            Assert.That(entries, Does.Contain("build/native/lib/cmake/styblinski/styblinskiConfig.cmake")
                .And.Contain("build/native/lib/cmake/styblinski/styblinskiConfigVersion.cmake")
                .And.Contain("build/native/include/styblinski.h")
                .And.Contain("runtimes/linux-x64/native/libstyblinski.so"), string.Join('\n', entries));
            archive.ExtractToDirectory(extracted);
        }
        // A different place than the build: only relative paths can find the library there.
        ProcessResult run = BuildAndRunConsumer("from-package", $"-DCMAKE_PREFIX_PATH={Path.Combine(extracted, "build", "native")}");
        AssertConsumerNumbers(run);
    }

    private ProcessResult BuildAndRunConsumer(string name, string locateArgument)
    {
        string build = _sandbox.PathOf($"consumer-{name}");
        ProcessResult configure = Run("cmake", ["-S", _sandbox.PathOf("CMakeConsumer/consumer"), "-B", build, locateArgument,
            $"-DCMAKE_C_COMPILER={Path.Combine(LlvmRoot(), "bin", "clang")}"], _sandbox.Root);
        Assert.That(configure.ExitCode, Is.Zero, configure.ToString());
        ProcessResult compile = Run("cmake", ["--build", build], _sandbox.Root);
        Assert.That(compile.ExitCode, Is.Zero, compile.ToString());
        ProcessResult run = Run(Path.Combine(build, "consumer"), [], build);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return run;
    }

    /// <summary>∂f/∂xᵢ = ½(4xᵢ³ − 32xᵢ + 5) + ⅒cos(xᵢ₋₁xᵢ)xᵢ₋₁ + ⅒cos(xᵢxᵢ₊₁)xᵢ₊₁, and the directional derivative is ∇f·v.</summary>
    private static void AssertConsumerNumbers(ProcessResult run)
    {
        int n = X.Length;
        double[] expected = new double[n];
        for (int i = 0; i < n; i++)
        {
            expected[i] = 0.5 * (4 * X[i] * X[i] * X[i] - 32 * X[i] + 5);
            if (i > 0)
            {
                expected[i] += 0.1 * Math.Cos(X[i - 1] * X[i]) * X[i - 1];
            }
            if (i + 1 < n)
            {
                expected[i] += 0.1 * Math.Cos(X[i] * X[i + 1]) * X[i + 1];
            }
        }
        double f = X.Sum(x => 0.5 * (x * x * x * x - 16 * x * x + 5 * x)) + Enumerable.Range(0, n - 1).Sum(i => 0.1 * Math.Sin(X[i] * X[i + 1]));
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "f"), f, 1e-13, "f");
            for (int i = 0; i < n; i++)
            {
                OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, $"grad{i}"), expected[i], 1e-12,
                    string.Create(CultureInfo.InvariantCulture, $"∂f/∂x{i}"));
            }
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "directional"), expected.Zip(V, (g, v) => g * v).Sum(), 1e-12, "∇f·v");
        });
    }

    private static ProcessResult Run(string program, string[] arguments, string workingDirectory) =>
        ProcessRunner.Run(program, arguments, workingDirectory, new Dictionary<string, string?>(), CMakeTimeout);

    /// <summary>The LLVM the SDK uses (ENZYME_LLVM_ROOT, else the conventional prefix), for a compiler cmake surely has.</summary>
    private static string LlvmRoot() =>
        Environment.GetEnvironmentVariable("ENZYME_LLVM_ROOT") is { Length: > 0 } root ? root : "/usr/lib/llvm-22";

    private void RequireBuild() =>
        Assert.That(_build.ExitCode, Is.Zero, "building samples/CMakeConsumer failed, so there is nothing to check:\n" + _build);
}
