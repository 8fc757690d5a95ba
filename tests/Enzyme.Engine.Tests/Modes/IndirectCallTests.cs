using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// Calls through function pointers whose target has no derivative never give a silent zero: a target the
/// engine cannot differentiate (libm's Bessel <c>j0</c>, no rule) stops the program with ENZ2004 naming it and
/// the call's source line when it is reached at run time, while the same derivative through a differentiable
/// target gives the right number; a pointer no function of the module can answer is ENZ2004 at compile time.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class IndirectCallTests
{
    private const string RuntimeSource = """
        #include <math.h>
        #include <stdio.h>
        #include <stdlib.h>
        double __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);
        extern int enzyme_const;

        static double sq(double x) { return x * x; }
        double (*table[2])(double) = {sq, j0};

        static double apply(int k, double x) { return table[k](x) * 3.0; } /*CALL*/

        int main(int argc, char **argv)
        {
            int k = atoi(argv[1]);
            int forward = argv[2][0] == 'f';
            double d = forward ? __enzyme_fwddiff((void *)apply, enzyme_const, k, 0.75, 1.0)
                               : __enzyme_autodiff((void *)apply, enzyme_const, k, 0.75);
            printf("%.17g\n", d);
            return 0;
        }
        """;

    [TestCase("reverse", "-O0")]
    [TestCase("reverse", "-O2")]
    [TestCase("forward", "-O0")]
    [TestCase("forward", "-O2")]
    public void TargetWithoutDerivative_StopsWithENZ2004_WhenReached(string mode, string level)
    {
        using var directory = new TemporaryDirectory();
        string executable = Build(directory, RuntimeSource, level);

        ProcessResult fine = ProcessRunner.Run(executable, ["0", mode]);
        Assert.That(fine.ExitCode, Is.EqualTo(0), fine.StandardError);
        Assert.That(double.Parse(fine.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2 * 0.75 * 3.0).Within(1e-14));

        ProcessResult stopped = ProcessRunner.Run(executable, ["1", mode]);
        Assert.That(stopped.ExitCode, Is.Not.EqualTo(0), "a call of j0 through the pointer has no derivative and must not return one");
        Assert.That(stopped.StandardOutput, Is.Empty, "no derivative value may be printed");
        Assert.That(stopped.StandardError, Does.Contain($"error {DiagnosticCodes.IndirectCall}").And.Contain("'j0'"));
        int line = RuntimeSource.Split('\n').ToList().FindIndex(l => l.Contains("/*CALL*/", StringComparison.Ordinal)) + 1;
        Assert.That(stopped.StandardError, Does.Contain($"program.c:{line}"), "the call's source line");
    }

    [TestCase("-O0")]
    [TestCase("-O2")]
    public void PointerNoFunctionOfTheModuleAnswers_IsENZ2004(string level)
    {
        const string Source = """
            double __enzyme_autodiff(void *, ...);
            extern double (*plugin)(double, int);
            static double through_plugin(double x) { return plugin(x * x, 2); }
            double gradient(double x) { return __enzyme_autodiff((void *)through_plugin, x); }
            """;
        using var directory = new TemporaryDirectory();
        string bitcode = Compile(directory, Source, level);
        EnzymeException error = Assert.Throws<EnzymeException>(() =>
            ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = directory.File("program.o"), OptimizationLevel = 2 }))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo(DiagnosticCodes.IndirectCall));
        Assert.That(error.Message, Does.Contain("through_plugin").And.Contain("no function of the module has that type"));
    }

    private static string Compile(TemporaryDirectory directory, string text, string level)
    {
        string source = directory.Write("program.c", text);
        string bitcode = directory.File("program.bc");
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang"), [level, "-g", "-emit-llvm", "-c", source, "-o", bitcode]);
        Assert.That(compile.ExitCode, Is.EqualTo(0), compile.StandardError);
        return bitcode;
    }

    private static string Build(TemporaryDirectory directory, string text, string level)
    {
        string bitcode = Compile(directory, text, level);
        string objectFile = directory.File("program.o"), executable = directory.File("program");
        ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = objectFile, OptimizationLevel = 2 });
        ProcessResult link = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang"), [objectFile, "-lm", "-o", executable]);
        Assert.That(link.ExitCode, Is.EqualTo(0), link.StandardError);
        return executable;
    }
}
