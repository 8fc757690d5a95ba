using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Bindings;

/// <summary>Derivatives requested by name (EnzymeGradient items) become exported C functions with the right numbers.</summary>
public sealed class GradientEntryPointTests
{
    private const string Rosenbrock = """
        double rosen(const double* x, int n) {
          double s = 0;
          for (int i = 0; i + 1 < n; i++) { double a = 1 - x[i], b = x[i + 1] - x[i] * x[i]; s += a * a + 100 * b * b; }
          return s;
        }
        double product(double a, double b) { return a * a * b; }
        """;

    private const string Driver = """
        #include <stdio.h>
        void rosen_grad(const double* x, double* dx, int n);
        typedef struct { double a, b; } Pair;
        Pair product_grad(double a, double b);
        double rosen_tangent(const double* x, const double* dx, int n);
        int main(void) {
          double x[3] = {0.5, 1.5, -0.5}, dx[3] = {0, 0, 0}, v[3] = {1, 0, 0};
          rosen_grad(x, dx, 3);
          Pair p = product_grad(3.0, 2.0);
          printf("%.6f %.6f %.6f|%.6f %.6f|%.6f\n", dx[0], dx[1], dx[2], p.a, p.b, rosen_tangent(x, v, 3));
          return 0;
        }
        """;

    [Test]
    public void ReverseAndForwardEntryPointsAreExportedAndCorrect()
    {
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcode(directory, "rosen", Rosenbrock);
        string driver = ClangCompiler.CompileToBitcode(directory, "driver", Driver);
        string objectFile = directory.File("all.o");
        ModulePipeline.Run(new PipelineOptions
        {
            Inputs = [bitcode, driver],
            Output = objectFile,
            Gradients =
            [
                GradientSpecification.Parse("rosen_grad=rosen:reverse:dup,const"),
                GradientSpecification.Parse("product_grad=product:reverse:out,out"),
                GradientSpecification.Parse("rosen_tangent=rosen:forward:dup,const"),
            ],
        });
        ProcessResult run = ProcessRunner.Run(ClangCompiler.LinkExecutable(directory, objectFile, "program"), []);

        // d/dx0 = -2(1 - x0) - 400 x0 (x1 - x0^2) = -251; d/dx1 = 200 (x1 - x0^2) - 400 x1 (x2 - x1^2) = 1901;
        // d/dx2 = 200 (x2 - x1^2) = -550; d(a^2 b) = (2ab, a^2) = (12, 9).
        Assert.That(run.StandardOutput.Trim(), Is.EqualTo("-251.000000 1901.000000 -550.000000|12.000000 9.000000|-251.000000"));
    }

    [Test]
    public void AGradientOfAMissingFunctionNamesIt()
    {
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcode(directory, "rosen", Rosenbrock);
        var error = Assert.Throws<EnzymeException>(() => ModulePipeline.Run(new PipelineOptions
        {
            Inputs = [bitcode],
            Output = directory.File("out.o"),
            Gradients = [GradientSpecification.Parse("g=no_such_function:reverse:dup")],
        }));
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCodes.GradientFunctionMissing));
        Assert.That(error.Diagnostic.Message, Does.Contain("'no_such_function'"));
        Assert.That(File.Exists(directory.File("out.o")), Is.False);
    }

    [TestCase("rosen:reverse:dup,const", DiagnosticCodes.GradientActivityMismatch)]
    [TestCase("g=rosen:reverse:dup", DiagnosticCodes.GradientActivityMismatch)]
    [TestCase("g=product:forward:out,out", DiagnosticCodes.GradientActivityMismatch)]
    [TestCase("g=product:reverse:dup,dup", DiagnosticCodes.GradientActivityMismatch)]
    public void MalformedRequestsAreErrors(string specification, string code)
    {
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcode(directory, "rosen", Rosenbrock);
        var error = Assert.Throws<EnzymeException>(() => ModulePipeline.Run(new PipelineOptions
        {
            Inputs = [bitcode],
            Output = directory.File("out.o"),
            Gradients = [GradientSpecification.Parse(specification)],
        }));
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(specification.Contains('=') ? code : DiagnosticCodes.InvalidCommandLine));
    }

    [TestCase("a=f:sideways:dup")]
    [TestCase("a=f:reverse:maybe")]
    [TestCase("1bad=f:reverse:dup")]
    public void SyntaxErrorsAreCommandLineErrors(string specification)
    {
        var error = Assert.Throws<EnzymeException>(() => GradientSpecification.Parse(specification));
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCodes.InvalidCommandLine));
    }
}
