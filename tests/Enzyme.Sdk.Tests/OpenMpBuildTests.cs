using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// <c>EnzymeOpenMP=true</c>: a C source with a <c>parallel for reduction(+)</c> compiles with <c>-fopenmp</c>, the
/// engine differentiates the parallel region for an <c>EnzymeGradient</c> item, and the library links libomp. The
/// printed value and gradient are checked against the same function written in C# and its closed-form gradient.
/// </summary>
[TestFixture]
public sealed class OpenMpBuildTests
{
    private const string LibraryName = "ompenergy";
    private const string BindingsClass = "Energy";

    private const string CSource = """
        #include <math.h>

        double energy(const double *x, int n)
        {
            double s = 0.0;
        #pragma omp parallel for reduction(+ : s)
            for (int i = 0; i < n; i++) s += x[i] * x[i] * sin(x[i]);
            return s;
        }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        double[] x = new double[1000];
        for (int i = 0; i < x.Length; i++) x[i] = Math.Sin(0.37 * i) * 1.5;
        double[] gradient = new double[x.Length];
        double value = Energy.energy(x, x.Length);
        Energy.energy_gradient(x, gradient, x.Length);
        double worst = 0;
        double expected = 0;
        for (int i = 0; i < x.Length; i++)
        {
            expected += x[i] * x[i] * Math.Sin(x[i]);
            double g = 2 * x[i] * Math.Sin(x[i]) + x[i] * x[i] * Math.Cos(x[i]);
            worst = Math.Max(worst, Math.Abs(gradient[i] - g));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"value_error={Math.Abs(value - expected):R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient_error={worst:R}"));
        """;

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    [OneTimeSetUp]
    public void BuildOnce()
    {
        _sandbox = new DotnetSandbox("openmp");
        string project = ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, LibraryName, BindingsClass,
            extraItems: """<EnzymeGradient Include="energy" Mode="Reverse" Activity="dup,const" Name="energy_gradient" />""");
        _sandbox.WriteFile("app/App.csproj", project.Replace("<PropertyGroup>", "<PropertyGroup>\n    <EnzymeOpenMP>true</EnzymeOpenMP>", StringComparison.Ordinal));
        _sandbox.WriteFile("app/native/energy.c", CSource);
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        _build = _sandbox.Build("app");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    [Test]
    public void Build_CompilesWithOpenMpAndLinksLibomp()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        Assert.That(_build.StandardOutput, Does.Contain("-fopenmp"), "the build log shows the OpenMP flag on the compiler and linker command lines");
    }

    [Test]
    public void Program_PrintsTheReductionAndItsGradient()
    {
        Assert.That(_build.ExitCode, Is.Zero, "the build failed, so there is nothing to run:\n" + _build);
        ProcessResult run = _sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(OutputParsing.Number(run.StandardOutput, "value_error"), Is.LessThan(1e-10), "the parallel reduction's value");
            Assert.That(OutputParsing.Number(run.StandardOutput, "gradient_error"), Is.LessThan(1e-12), "the gradient against its closed form");
        });
    }
}
