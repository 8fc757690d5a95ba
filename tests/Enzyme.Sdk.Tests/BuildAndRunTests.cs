using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// One console project with a C kernel, built once: the library and bindings it produces, the
/// numbers it prints (reverse and forward mode against the closed form) and a no-op rebuild.
/// </summary>
[TestFixture]
public sealed class BuildAndRunTests
{
    private const string LibraryName = "sinsq";
    private const string BindingsClass = "Kernels";

    private static readonly double[] Point = [0.5, 1.0, 1.5, 2.0];
    private static readonly double[] Direction = [1.0, -1.0, 0.5, 2.0];

    private const string KernelSource = """
        /* f(x) = sum_i sin(x_i) x_i^2, with its gradient (reverse mode) and a directional derivative (forward mode). */
        #include <math.h>
        {DECLARATIONS}

        double energy(const double *x, int n)
        {
            double sum = 0.0;
            for (int i = 0; i < n; ++i) sum += sin(x[i]) * x[i] * x[i];
            return sum;
        }

        void energy_grad(const double *x, double *dx, int n)
        {
            for (int i = 0; i < n; ++i) dx[i] = 0.0;
            __enzyme_autodiff_void((void *)energy, enzyme_dup, x, dx, enzyme_const, n);
        }

        double energy_dir(const double *x, const double *v, int n)
        {
            return __enzyme_fwddiff((void *)energy, enzyme_dup, x, v, enzyme_const, n);
        }
        """;

    /// <summary>Calls the pointer overload once and the Span overloads otherwise, so both must exist.</summary>
    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        double[] x = [0.5, 1.0, 1.5, 2.0];
        double[] v = [1.0, -1.0, 0.5, 2.0];
        double[] gradient = new double[x.Length];
        Kernels.energy_grad(x, gradient, x.Length);
        double value;
        unsafe
        {
            fixed (double* px = x)
            {
                value = Kernels.energy(px, x.Length);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"energy={value:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"directional={Kernels.energy_dir(x, v, x.Length):R}"));
        for (int i = 0; i < x.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grad{i}={gradient[i]:R}"));
        }
        """;

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _firstBuild = null!;

    private string ProjectDirectory => _sandbox.PathOf("app");

    [OneTimeSetUp]
    public void BuildOnce()
    {
        _sandbox = new DotnetSandbox("build-run");
        _sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, LibraryName, BindingsClass));
        _sandbox.WriteFile("app/native/sinsq.c", KernelSource.Replace("{DECLARATIONS}", ProjectFiles.EnzymeDeclarations));
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        _firstBuild = _sandbox.Build("app");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Build_Succeeds()
    {
        Assert.That(_firstBuild.ExitCode, Is.Zero, _firstBuild.ToString());
    }

    [Test]
    public void NativeLibrary_IsCopiedToTheOutputFolder()
    {
        RequireFirstBuild();
        string outputFolder = Path.Combine(ProjectDirectory, "bin", "Debug", "net10.0");
        Assert.That(File.Exists(Path.Combine(outputFolder, $"lib{LibraryName}.so")), Is.True,
            $"lib{LibraryName}.so missing from {outputFolder}:\n{BuildOutputs.Listing(outputFolder)}");
    }

    [Test]
    public void Bindings_AreGeneratedInObj_WithLibraryImportAndSpanOverloads()
    {
        RequireFirstBuild();
        string bindings = File.ReadAllText(BuildOutputs.Single(Path.Combine(ProjectDirectory, "obj"), $"{BindingsClass}.g.cs"));
        Assert.Multiple(() =>
        {
            Assert.That(bindings, Does.Contain("[LibraryImport"));
            Assert.That(bindings, Does.Contain("Span<"));
            Assert.That(bindings, Does.Contain("ReadOnlySpan<double>"), "const double* parameters get ReadOnlySpan overloads");
            Assert.That(bindings, Does.Contain("double*"));
            Assert.That(bindings, Does.Contain("namespace Sandbox.Native"));
            Assert.That(bindings, Does.Contain($"class {BindingsClass}"));
            foreach (string function in new[] { "energy", "energy_grad", "energy_dir" })
            {
                Assert.That(bindings, Does.Match($@"\b{function}\s*\("), $"no binding for {function}");
            }
        });
    }

    [Test]
    public void Program_PrintsGradientAndDirectionalDerivative_MatchingTheClosedForm()
    {
        RequireFirstBuild();
        ProcessResult run = _sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        // f = Σ sin(xᵢ) xᵢ², ∂f/∂xᵢ = cos(xᵢ) xᵢ² + 2 xᵢ sin(xᵢ).
        double expectedValue = 0.0, expectedDirectional = 0.0;
        Assert.Multiple(() =>
        {
            for (int i = 0; i < Point.Length; i++)
            {
                double x = Point[i];
                double partial = Math.Cos(x) * x * x + 2.0 * x * Math.Sin(x);
                expectedValue += Math.Sin(x) * x * x;
                expectedDirectional += Direction[i] * partial;
                OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, $"grad{i}"), partial, 1e-13, $"∂f/∂x{i}");
            }
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "energy"), expectedValue, 1e-14, "f(x)");
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "directional"), expectedDirectional, 1e-13, "∇f·v");
        });
    }

    [Test]
    public void SecondBuild_WithNothingChanged_RunsNoCompilerAndNoEngine()
    {
        RequireFirstBuild();
        string obj = Path.Combine(ProjectDirectory, "obj");
        string bitcode = BuildOutputs.BitcodeFor(obj, "sinsq");
        string bindings = BuildOutputs.Single(obj, $"{BindingsClass}.g.cs");
        string library = BuildOutputs.Single(Path.Combine(ProjectDirectory, "bin"), $"lib{LibraryName}.so");
        DateTime[] before = [File.GetLastWriteTimeUtc(bitcode), File.GetLastWriteTimeUtc(bindings), File.GetLastWriteTimeUtc(library)];

        ProcessResult secondBuild = _sandbox.Build("app");

        Assert.That(secondBuild.ExitCode, Is.Zero, secondBuild.ToString());
        Assert.Multiple(() =>
        {
            // The first build must show these, or their absence below would prove nothing.
            Assert.That(_firstBuild.StandardOutput, Does.Contain("-emit-llvm"), "the first build's log shows the clang command line");
            Assert.That(_firstBuild.StandardOutput, Does.Contain("enzyme-ad"), "the first build's log shows the engine's command line");
            Assert.That(secondBuild.StandardOutput, Does.Not.Contain("-emit-llvm"), "the second build ran clang");
            Assert.That(secondBuild.StandardOutput, Does.Not.Contain("enzyme-ad"), "the second build ran the engine");
            Assert.That(File.GetLastWriteTimeUtc(bitcode), Is.EqualTo(before[0]), "bitcode rewritten");
            Assert.That(File.GetLastWriteTimeUtc(bindings), Is.EqualTo(before[1]), "bindings rewritten");
            Assert.That(File.GetLastWriteTimeUtc(library), Is.EqualTo(before[2]), "library in bin rewritten");
        });
    }

    /// <summary>Fails (not skips) a test whose subject was never built, pointing at the build's own output.</summary>
    private void RequireFirstBuild() =>
        Assert.That(_firstBuild.ExitCode, Is.Zero, "the build failed, so there is nothing to check:\n" + _firstBuild);
}
