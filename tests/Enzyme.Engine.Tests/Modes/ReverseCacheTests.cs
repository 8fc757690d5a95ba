using System.Text.RegularExpressions;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// What the reverse sweep keeps, read from the engine's report (<c>enzyme-ad --report</c>): nested
/// loops whose trip counts, pointer inductions and guards can be recomputed cache nothing per inner
/// iteration, a pointer's shadow is not cached beside the pointer, and a derivative formula reuses a sibling call (the <c>cos</c> next to a <c>sin</c>)
/// instead of calling it again. The values themselves are checked by the corpus
/// (<c>loop_counts_recomputed.c</c>, <c>trig_pairs_reused.c</c>).
/// </summary>
[TestFixture]
public sealed class ReverseCacheTests
{
    // The GMM objective's inner product with a packed lower triangle: the inner loop's length
    // depends on the outer index, its guard skips it for the last column, and the factor walks
    // with a pointer.
    private const string PackedTriangle = """
        extern int enzyme_const, enzyme_dup;
        void __enzyme_autodiff(void *, ...);
        static double packed(const double *x, const double *l, int n)
        {
            double s = 0.0;
            const double *p = l;
            for (int col = 0; col < n; col++)
                for (int row = col + 1; row < n; row++) {
                    double v = *p++ * x[col] * x[row];
                    s += v * v;
                }
            return s;
        }
        void gradient(const double *x, double *dx, const double *l, double *dl, int n)
        {
            __enzyme_autodiff((void *)packed, enzyme_dup, x, dx, enzyme_dup, l, dl, enzyme_const, n);
        }
        """;

    private const string Rotation = """
        #include <math.h>
        extern int enzyme_const;
        double __enzyme_autodiff(void *, ...);
        static double rotated(double t, double x, double y) { return cos(t) * x - sin(t) * y; }
        double gradient(double t, double x, double y)
        {
            return __enzyme_autodiff((void *)rotated, t, enzyme_const, x, enzyme_const, y);
        }
        """;

    [Test]
    public void TriangularLoopNest_CachesNothingPerInnerIteration()
    {
        (IReadOnlyList<string> report, _) = Differentiate(PackedTriangle);
        string summary = report.Single(l => l.StartsWith("diffepacked", StringComparison.Ordinal));
        Assert.That(summary, Does.Contain("2 loop(s)"), "the nest reaches the engine as two plain loops");
        Assert.That(Regex.IsMatch(summary, @"depth 2\)"), Is.False, $"nothing may be cached per inner iteration: {summary}");
        Assert.That(report.Where(l => l.Contains("iter.", StringComparison.Ordinal) && l.Contains("loop ", StringComparison.Ordinal)), Is.Empty,
            "no iteration-start cache inside a loop: the inner trip count is recomputed");
        Assert.That(report.Where(l => l.Contains("%pred", StringComparison.Ordinal)), Is.Empty, "the guard's condition replaces the recorded predecessor");
        Assert.That(report.Where(l => l.Contains("%\"'", StringComparison.Ordinal)), Is.Empty,
            "the shadow of the carried pointer is the factor's shadow plus the primal pointer's offset, not a second cache");
    }

    [Test]
    public void DerivativeOfSinAndCos_ReusesTheSiblingCall()
    {
        (_, string ir) = Differentiate(Rotation);
        string body = FunctionBody(ir, "gradient");
        Assert.That(Regex.Matches(body, @"call[^\n]*@(llvm\.)?cos(\.f64)?\(").Count, Is.EqualTo(1), body);
        Assert.That(Regex.Matches(body, @"call[^\n]*@(llvm\.)?sin(\.f64)?\(").Count, Is.EqualTo(1), body);
    }

    private const string SplitLoop = """
        #include <math.h>
        extern int enzyme_const, enzyme_dup;
        void __enzyme_autodiff(void *, ...);
        __attribute__((noinline)) static double sum_of_squares(const double *x, int n)
        {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += x[i] * x[i];
            return s;
        }
        static double norm(const double *x, int n) { return sqrt(sum_of_squares(x, n)); }
        void gradient(const double *x, double *dx, int n)
        {
            __enzyme_autodiff((void *)norm, enzyme_dup, x, dx, enzyme_const, n);
        }
        """;

    [Test]
    public void ReverseHalfOfASplitCall_TakesItsTapeNoalias_AndItsLoopIsVectorised()
    {
        (_, string ir) = Differentiate(SplitLoop);
        Match header = Regex.Match(ir, @"define [^\n]*@reverse_sum_of_squares\(([^\n]*)\)");
        Assert.That(header.Success, Is.True, "the noinline callee is split into augmented and reverse halves");
        Assert.That(header.Groups[1].Value.Split(',')[^1], Does.Contain("noalias"), header.Value);
        Assert.That(FunctionBody(ir, "reverse_sum_of_squares"), Does.Contain("<2 x double>"),
            "with the counters on a noalias tape and reassociable adjoint sums, LLVM vectorises the reversed loop");
    }

    [Test]
    public void MathCallsInADerivative_DoNotKeepErrno_SoSinAndCosBecomeOneSincos()
    {
        (_, string assembly) = Differentiate(Rotation, "program.s");
        Assert.That(Regex.Matches(assembly, @"callq?\s+sincos").Count, Is.EqualTo(1), assembly);
        Assert.That(Regex.IsMatch(assembly, @"callq?\s+(sin|cos)(@PLT)?\s*$", RegexOptions.Multiline), Is.False, assembly);
    }

    private static (IReadOnlyList<string> Report, string Ir) Differentiate(string source, string outputName = "program.ll")
    {
        using var directory = new TemporaryDirectory();
        string file = directory.Write("program.c", source);
        string bitcode = directory.File("program.bc"), output = directory.File(outputName);
        // The SDK's front-end flags: no vectorising or partial unrolling before differentiation.
        ProcessResult compile = ProcessRunner.Run(LlvmToolchain.Current.Tool("clang"),
            ["-O2", "-g", "-fno-vectorize", "-fno-slp-vectorize", "-mllvm", "-unroll-runtime=false", "-mllvm", "-unroll-allow-partial=false",
             "-emit-llvm", "-c", file, "-o", bitcode]);
        Assert.That(compile.ExitCode, Is.EqualTo(0), compile.StandardError);
        PipelineResult result = ModulePipeline.Run(new PipelineOptions { Inputs = [bitcode], Output = output, OptimizationLevel = 2 });
        return (result.Report, File.ReadAllText(output));
    }

    private static string FunctionBody(string ir, string name)
    {
        Match definition = Regex.Match(ir, $@"^define [^\n]*@{Regex.Escape(name)}\(", RegexOptions.Multiline);
        Assert.That(definition.Success, Is.True, $"no function {name}");
        int start = definition.Index;
        return ir[start..ir.IndexOf("\n}\n", start, StringComparison.Ordinal)];
    }
}
