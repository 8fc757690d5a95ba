using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// The Fortran corpus (<c>tests/corpus/fortran</c>): every program is a folder holding a C driver and one or
/// more Fortran sources with <c>bind(c)</c> entry points. flang and clang compile them to bitcode at -O0 and at
/// -O2, the engine links and differentiates them in-process (<see cref="CorpusProgram"/>), flang links the
/// executable with the Fortran runtime, and the driver checks <c>__enzyme_autodiff</c> gradients against central
/// finite differences, forward mode against reverse mode with the dot-product test, and the primal results of the
/// array intrinsics the engine re-implements against values computed in C.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class FortranCorpusTests
{
    private const string Suite = "fortran";

    public static IEnumerable<TestCaseData> Programs()
    {
        foreach (string program in CorpusProgram.Enumerate(Suite))
        {
            foreach (string level in CorpusProgram.Levels)
            {
                yield return new TestCaseData(program, level).SetName($"Fortran({program}, {level})");
            }
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Fortran(string program, string level) => CorpusProgram.BuildAndRun(Suite, program, level);

    // spread() stays a runtime call (_FortranASpread) at every optimisation level and has no differentiable definition.
    private const string SpreadSource = """
        function spread_sum(n, x) result(r) bind(c, name='spread_sum')
          use iso_c_binding, only: c_double, c_int
          implicit none
          integer(c_int), value :: n
          real(c_double), intent(in) :: x(n)
          real(c_double) :: r
          r = sum(spread(x, 1, 3) ** 2)
        end function spread_sum
        """;

    private const int SpreadLine = 7;

    private const string SpreadDriver = """
        double __enzyme_autodiff(void *, ...);
        double spread_sum(int n, const double *x);
        int main(void)
        {
            double x[3] = {1, 2, 3}, dx[3] = {0};
            __enzyme_autodiff((void *)spread_sum, 3, x, dx);
            return (int)dx[0];
        }
        """;

    /// <summary>
    /// A Fortran runtime routine without a differentiable definition is a compile-time ENZ2009 at the statement that
    /// calls it, naming the differentiated function and the routine and saying how to rewrite it — never a zero derivative.
    /// </summary>
    [TestCase("-O0")]
    [TestCase("-O2")]
    public void UnsupportedRuntimeRoutineIsReportedAtItsLine(string level)
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("spread_sum.f90", SpreadSource);
        string fortranBitcode = directory.File("spread_sum.bc");
        ProcessResult compiled = ProcessRunner.Run(LlvmToolchain.Current.Tool("flang"),
            [level, "-g", "-emit-llvm", "-c", source, "-o", fortranBitcode]);
        Assert.That(compiled.ExitCode, Is.EqualTo(0), compiled.StandardError);
        string driverBitcode = ClangCompiler.CompileToBitcode(directory, "driver", SpreadDriver);

        var error = Assert.Throws<EnzymeException>(() => ModulePipeline.Run(new PipelineOptions
        {
            Inputs = [driverBitcode, fortranBitcode],
            Output = directory.File("out.o"),
        }));
        EnzymeDiagnostic diagnostic = error!.Diagnostic;
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.FortranRuntimeCall));
            Assert.That(diagnostic.Location?.Line, Is.EqualTo(SpreadLine));
            Assert.That(diagnostic.Location?.FullPath, Does.EndWith("spread_sum.f90"));
            Assert.That(diagnostic.Message, Does.Contain("'spread_sum'").And.Contain("_FortranASpread").And.Contain("DO loop"));
            Assert.That(File.Exists(directory.File("out.o")), Is.False);
        });
    }
}
