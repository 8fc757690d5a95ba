using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// C++ compiled with exceptions: a throw that happens on the differentiated path is ENZ2010 at run time, naming
/// the function and the throw's source line, and stops the program; it never returns a derivative. The same
/// derivative on inputs that do not throw gives the right numbers.
/// </summary>
[TestFixture]
public sealed class ThrowingPathTests
{
    private const string Source = """
        #include <stdexcept>
        #include <cmath>
        #include <cstdio>
        #include <cstdlib>
        extern int enzyme_const;
        double __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);

        static double guarded(double x, double limit)
        {
            if (x > limit) throw std::domain_error("x above limit"); /*THROW*/
            return std::sin(x) * x;
        }

        int main(int argc, char **argv)
        {
            double x = std::atof(argv[1]);
            bool forward = argv[2][0] == 'f';
            double d = forward ? __enzyme_fwddiff((void *)guarded, x, 1.0, enzyme_const, 1.0)
                               : __enzyme_autodiff((void *)guarded, x, enzyme_const, 1.0);
            std::printf("%.17g\n", d);
            return 0;
        }
        """;

    [TestCase("reverse", "-O0")]
    [TestCase("reverse", "-O2")]
    [TestCase("forward", "-O0")]
    [TestCase("forward", "-O2")]
    public void ThrowOnTheDifferentiatedPath_IsENZ2010_AndNoValue(string mode, string level)
    {
        using var directory = new TemporaryDirectory();
        string executable = Build(directory, level);
        ProcessResult thrown = ProcessRunner.Run(executable, ["2.0", mode]);
        Assert.That(thrown.ExitCode, Is.Not.EqualTo(0), "the derivative must not return on a throwing path");
        Assert.That(thrown.StandardOutput, Is.Empty, "no derivative value may be printed");
        Assert.That(thrown.StandardError, Does.Contain($"error {DiagnosticCodes.ExceptionOnDifferentiatedPath}").And.Contain("'_ZL7guardeddd'"));
        int line = Source.Split('\n').ToList().FindIndex(l => l.Contains("/*THROW*/", StringComparison.Ordinal)) + 1;
        Assert.That(thrown.StandardError, Does.Contain($"program.cpp:{line}"), "the throw's source line");

        ProcessResult fine = ProcessRunner.Run(executable, ["0.5", mode]);
        Assert.That(fine.ExitCode, Is.EqualTo(0), fine.StandardError);
        double expected = Math.Cos(0.5) * 0.5 + Math.Sin(0.5);
        Assert.That(double.Parse(fine.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected).Within(1e-14));
    }

    private static string Build(TemporaryDirectory directory, string level)
    {
        string source = directory.Write("program.cpp", Source);
        string bitcode = directory.File("program.bc"), objectFile = directory.File("program.o"), executable = directory.File("program");
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang++"),
            ["-std=c++17", "-fexceptions", level, "-g", "-emit-llvm", "-c", source, "-o", bitcode]);
        Assert.That(compile.ExitCode, Is.EqualTo(0), compile.StandardError);
        ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = objectFile, OptimizationLevel = 2 });
        ProcessResult link = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang++"), [objectFile, "-lm", "-o", executable]);
        Assert.That(link.ExitCode, Is.EqualTo(0), link.StandardError);
        return executable;
    }
}
