using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// A console project whose only native source is Fortran, built once through the package: flang compiles it, the
/// engine derives the gradient an <c>EnzymeGradient</c> item asks for, flang links the library with the Fortran
/// runtime, and the bindings come from the <c>bind(c)</c> interface. The printed value and gradient are checked
/// against the same function written in C# and its central finite differences.
/// </summary>
[TestFixture]
public sealed class FortranBuildTests
{
    private const string LibraryName = "chain";
    private const string BindingsClass = "Chain";

    private static readonly double[] Point = [0.3, -0.8, 1.1, 0.45, -0.2];
    private const double Kappa = 0.7;

    // An allocatable assigned from an expression (flang's runtime Assign) and two array intrinsics.
    private const string FortranSource = """
        module chain
          use iso_c_binding, only: c_double, c_int
          implicit none
        contains
          function chain_value(n, x, kappa) result(f) bind(c, name='chain_value')
            integer(c_int), value :: n
            real(c_double), intent(in) :: x(n)
            real(c_double), value :: kappa
            real(c_double) :: f
            real(c_double), allocatable :: t(:)
            t = exp(0.5d0 * x) * x**2
            f = sum(t) + kappa * dot_product(x(2:n), x(1:n - 1))
          end function chain_value
        end module chain
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        double[] x = [0.3, -0.8, 1.1, 0.45, -0.2];
        double kappa = 0.7;
        double[] gradient = new double[x.Length];
        double value = Chain.chain_value(x.Length, x, kappa);
        double kappaAdjoint = Chain.chain_gradient(x.Length, x, gradient, kappa);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"value={value:R}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dkappa={kappaAdjoint:R}"));
        for (int i = 0; i < x.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grad{i}={gradient[i]:R}"));
        }
        """;

    private DotnetSandbox _sandbox = null!;
    private ProcessResult _build = null!;

    private string ProjectDirectory => _sandbox.PathOf("app");

    [OneTimeSetUp]
    public void BuildOnce()
    {
        _sandbox = new DotnetSandbox("fortran");
        _sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(_sandbox.EnzymeSdkVersion, LibraryName, BindingsClass,
            extraItems: """
                <EnzymeSource Include="native/*.f90" />
                <EnzymeGradient Include="chain_value" Mode="Reverse" Activity="const,dup,out" Name="chain_gradient" />
                """));
        _sandbox.WriteFile("app/native/chain.f90", FortranSource);
        _sandbox.WriteFile("app/Program.cs", ProgramSource);
        _build = _sandbox.Build("app");
    }

    [OneTimeTearDown]
    public void DeleteSandbox() => _sandbox?.Dispose();

    /// <summary>The function the Fortran computes: Σ exp(xᵢ/2) xᵢ² + κ Σ xᵢ xᵢ₋₁.</summary>
    private static double ChainValue(double[] x, double kappa)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            f += Math.Exp(0.5 * x[i]) * x[i] * x[i];
        }
        for (int i = 1; i < x.Length; i++)
        {
            f += kappa * x[i] * x[i - 1];
        }
        return f;
    }

    [Test]
    public void Build_CompilesTheFortranWithFlangAndBindsItsInterface()
    {
        Assert.That(_build.ExitCode, Is.Zero, _build.ToString());
        string bindings = File.ReadAllText(BuildOutputs.Single(Path.Combine(ProjectDirectory, "obj"), $"{BindingsClass}.g.cs"));
        Assert.Multiple(() =>
        {
            Assert.That(_build.StandardOutput, Does.Contain("flang"), "the build log shows the flang command line");
            Assert.That(bindings, Does.Contain("public static partial double chain_value(int n, double* x, double kappa);"));
            Assert.That(bindings, Does.Contain("public static double chain_value(int n, ReadOnlySpan<double> x, double kappa)"),
                "an intent(in) array is a ReadOnlySpan");
            Assert.That(bindings, Does.Contain("public static partial double chain_gradient(int n, double* x, double* d_x, double kappa);"));
        });
    }

    [Test]
    public void Program_PrintsTheValueAndAGradientMatchingFiniteDifferences()
    {
        Assert.That(_build.ExitCode, Is.Zero, "the build failed, so there is nothing to run:\n" + _build);
        ProcessResult run = _sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        const double step = 1e-6;
        double[] x = (double[])Point.Clone();
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "value"), ChainValue(x, Kappa), 1e-14, "f(x, κ)");
            for (int i = 0; i < x.Length; i++)
            {
                double saved = x[i];
                x[i] = saved + step;
                double plus = ChainValue(x, Kappa);
                x[i] = saved - step;
                double minus = ChainValue(x, Kappa);
                x[i] = saved;
                OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, $"grad{i}"), (plus - minus) / (2 * step), 1e-7, $"∂f/∂x{i}");
            }
            double kappaDifference = (ChainValue(x, Kappa + step) - ChainValue(x, Kappa - step)) / (2 * step);
            OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, "dkappa"), kappaDifference, 1e-7, "∂f/∂κ");
        });
    }
}
