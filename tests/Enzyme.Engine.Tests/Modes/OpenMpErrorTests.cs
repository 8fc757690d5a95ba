using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Tests.Frontend;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>OpenMP constructs the engine does not differentiate: ENZ2012 at the construct, never a wrong derivative (docs/openmp.md).</summary>
public sealed class OpenMpErrorTests
{
    private const string Prelude = """
        extern int enzyme_dup, enzyme_const, enzyme_out;
        double __enzyme_autodiff(void*, ...);
        double __enzyme_fwddiff(void*, ...);

        """;

    private TemporaryDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private EnzymeErrorCase.Failure Fail(string body, string level) =>
        EnzymeErrorCase.CompileAndFail(_directory, "body", Prelude + body, DiagnosticCodes.OpenMpUnsupported, "-fopenmp", level);

    [TestCase("-O0", "__enzyme_autodiff")]
    [TestCase("-O2", "__enzyme_autodiff")]
    [TestCase("-O0", "__enzyme_fwddiff")]
    [TestCase("-O2", "__enzyme_fwddiff")]
    public void ActiveScalarCapturedByValue_ENZ2012(string level, string mode)
    {
        // firstprivate(a): clang passes the double's bits as an integer; its derivative would be lost.
        var failure = Fail($$"""
            void f(double* x, double* y, int n) {
              double a = x[0] * 2.0;
              #pragma omp parallel for firstprivate(a) /*HERE*/
              for (int i = 0; i < n; i++) y[i] = a * x[i];
            }
            void g(double* x, double* dx, double* y, double* dy, int n) { {{mode}}((void*)f, enzyme_dup, x, dx, enzyme_dup, y, dy, n); }
            """, level);
        Assert.That(failure.Diagnostic.Message, Does.Contain("by value"));
    }

    [TestCase("-O0")]
    [TestCase("-O2")]
    public void ReductionThatWaits_ENZ2012(string level)
    {
        var failure = Fail("""
            double f(double* x, int n) {
              double s = 0.0;
              #pragma omp parallel
              {
                #pragma omp for reduction(+ : s)
                for (int i = 0; i < n; i++) s += x[i] * x[i];
              }
              return s;
            }
            void g(double* x, double* dx, int n) { __enzyme_autodiff((void*)f, enzyme_dup, x, dx, n); }
            """, level);
        Assert.That(failure.Diagnostic.Message, Does.Contain("__kmpc_reduce"));
    }
}
