using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// <c>__enzyme_ignore_derivatives(x)</c> is x with no derivative through it: f(x) = g(x)·x with g ignored has the
/// derivative g(x), in both modes, and the primal still computes g(x)·x.
/// </summary>
public sealed class IgnoreDerivativesTests
{
    private const string Program = """
        #include <math.h>
        #include <stdio.h>
        extern int enzyme_dup, enzyme_const;
        double __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);
        double __enzyme_ignore_derivatives(double);

        double f(double x) {
            double frozen = __enzyme_ignore_derivatives(sin(x) * x);
            return frozen * x + 0.25 * x * x;
        }

        int main(void) {
            double x = 0.7;
            double expected = sin(x) * x + 0.5 * x;       /* d/dx with sin(x)*x held constant */
            double reverse = __enzyme_autodiff((void *)f, x);
            double forward = __enzyme_fwddiff((void *)f, x, 1.0);
            double primal = f(x), expected_primal = sin(x) * x * x + 0.25 * x * x;
            if (fabs(reverse - expected) > 1e-14 || fabs(forward - expected) > 1e-14 || fabs(primal - expected_primal) > 1e-14) {
                printf("reverse %.17g forward %.17g expected %.17g primal %.17g\n", reverse, forward, expected, primal);
                return 1;
            }
            printf("ok\n");
            return 0;
        }
        """;

    [TestCase("-O0")]
    [TestCase("-O2")]
    public void ValueIsKeptDerivativeIsDropped(string level)
    {
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcodeWith(directory, "ignore", Program, [level, "-Xclang", "-disable-O0-optnone"]);
        string objectFile = directory.File("ignore.o");
        EnzymeAdRun run = EnzymeAdRun.Invoke(bitcode, "-O2", "-o", objectFile);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        ProcessResult result = ProcessRunner.Run(ClangCompiler.LinkExecutable(directory, objectFile, "ignore"), []);
        Assert.That(result.ExitCode, Is.Zero, result.StandardOutput + result.StandardError);
        Assert.That(result.StandardOutput.Trim(), Is.EqualTo("ok"));
    }
}
