using Enzyme.Sdk.Tests.Support;

namespace Enzyme.Sdk.Tests.CrossTargets;

/// <summary>
/// The test library's functions in C# (native/energy.c, native/power_sum.cpp) with their closed-form
/// gradients, and the checks every platform's output must pass: the host's `dotnet run`, the arm64
/// harness under qemu and the Windows harness under wine print the same names.
/// </summary>
public static class ChainEnergy
{
    public const int Length = 6;

    /// <summary>x_i = 1.3 sin(0.7 i + 0.3), as the harness and the program set it.</summary>
    public static double[] Point() => Enumerable.Range(0, Length).Select(i => 1.3 * Math.Sin(0.7 * i + 0.3)).ToArray();

    public static double Value(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i] * Math.Sin(x[i]) + (i > 0 ? 0.5 * x[i] * x[i - 1] : 0);
        }
        return s;
    }

    /// <summary>∂/∂x_i = 2 x_i sin x_i + x_i² cos x_i + 0.5 (x_(i-1) + x_(i+1)), neighbours that exist.</summary>
    public static double[] Gradient(double[] x) => Enumerable.Range(0, x.Length).Select(i =>
        2 * x[i] * Math.Sin(x[i]) + x[i] * x[i] * Math.Cos(x[i])
        + (i > 0 ? 0.5 * x[i - 1] : 0) + (i < x.Length - 1 ? 0.5 * x[i + 1] : 0)).ToArray();

    /// <summary>The value and reverse gradient a program printed as <c>energy=</c> and <c>gradient[i]=</c>, against the closed forms.</summary>
    public static void AssertValueAndGradient(string output)
    {
        double[] x = Point();
        double[] expected = Gradient(x);
        Assert.Multiple(() =>
        {
            OutputParsing.AssertClose(OutputParsing.Number(output, "energy"), Value(x), 1e-13, "energy(x)");
            for (int i = 0; i < x.Length; i++)
            {
                OutputParsing.AssertClose(OutputParsing.Number(output, $"gradient[{i}]"), expected[i], 1e-13, $"∂energy/∂x{i}");
            }
        });
    }

    /// <summary>Everything the C harness prints: value, gradient, finite differences, forward vs reverse, the C++ function.</summary>
    public static void AssertHarnessOutput(ProcessResult run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        AssertValueAndGradient(run.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(OutputParsing.Number(run.StandardOutput, "fd_error"), Is.LessThan(1e-6), "reverse gradient against central differences");
            Assert.That(OutputParsing.Number(run.StandardOutput, "tangent_error"), Is.LessThan(1e-12), "forward tangent against gradient·v");
            Assert.That(OutputParsing.Number(run.StandardOutput, "cxx_gradient_error"), Is.LessThan(1e-12), "C++ power_sum gradient against 3x²");
            Assert.That(OutputParsing.Number(run.StandardOutput, "cxx_probe"), Is.EqualTo(7), "a C++ exception thrown and caught in the library");
        });
    }
}
