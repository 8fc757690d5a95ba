using System.Globalization;
using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests;

/// <summary>
/// An <c>EnzymeGradient</c> item asks for a derivative without C glue: the library exports it
/// and the bindings expose it, with Enzyme's argument convention (each dup pointer followed by
/// its shadow).
/// </summary>
[TestFixture]
public sealed class EnzymeGradientItemTests
{
    private const string Kernel = """
        /* f(x) = sum_i x_i^3 / 3 + x_0 x_1, so df/dx_i = x_i^2 (+ x_1 for i = 0, + x_0 for i = 1). */
        double cubes(const double *x, int n)
        {
            double sum = x[0] * x[1];
            for (int i = 0; i < n; ++i) sum += x[i] * x[i] * x[i] / 3.0;
            return sum;
        }
        """;

    private const string ProgramSource = """
        using System.Globalization;
        using Sandbox.Native;

        double[] x = [0.5, -1.5, 2.0];
        double[] gradient = new double[x.Length];
        Grad.cubes_grad(x, gradient, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grad{i}={gradient[i]:R}"));
        }
        """;

    [Test]
    public void ReverseGradientItem_IsExportedBound_AndComputesTheGradient()
    {
        using var sandbox = new DotnetSandbox("gradient-item");
        sandbox.WriteFile("app/App.csproj", ProjectFiles.EnzymeProject(sandbox.EnzymeSdkVersion, "cubes", "Grad",
            extraItems: """<EnzymeGradient Include="cubes" Mode="Reverse" Activity="dup,const" Name="cubes_grad" />"""));
        sandbox.WriteFile("app/native/cubes.c", Kernel);
        sandbox.WriteFile("app/Program.cs", ProgramSource);

        ProcessResult build = sandbox.Build("app");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        ProcessResult run = sandbox.Dotnet("app", "run", "--no-build");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());

        double[] x = [0.5, -1.5, 2.0];
        double[] expected = [x[0] * x[0] + x[1], x[1] * x[1] + x[0], x[2] * x[2]];
        Assert.Multiple(() =>
        {
            for (int i = 0; i < x.Length; i++)
            {
                OutputParsing.AssertClose(OutputParsing.Number(run.StandardOutput, $"grad{i}"), expected[i], 1e-14,
                    string.Create(CultureInfo.InvariantCulture, $"∂f/∂x{i}"));
            }
        });
    }
}
