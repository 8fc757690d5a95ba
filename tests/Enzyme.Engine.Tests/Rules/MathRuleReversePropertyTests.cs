using Enzyme.Engine.Modes;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using static Enzyme.Engine.Tests.Rules.MathRuleSampling;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// The reverse-mode counterpart of <see cref="MathRulePropertyTests"/>: for every entry of <see cref="MathRules"/>
/// a tiny module calls the function (C library name, and separately the intrinsic; float, x86_fp80 and
/// &lt;2 x double&gt; forms for the same subsets), and <c>__enzyme_autodiff</c> differentiates it twice: once with
/// every floating-point argument enzyme_out (the gradient comes back as the call's value), once as a kernel that
/// reads its arguments from and writes its result to enzyme_dup pointers (the gradient accumulates in the
/// shadow of the arguments). At the same seeded points as the forward test both gradients must match central
/// finite differences; piecewise-constant functions must give exactly zero. Integer arguments (the exponents
/// of powi and ldexp) are constant. In the &lt;2 x double&gt; forms f holds the same point in both lanes (its
/// gradient is twice the scalar one); the kernel holds two different points, and seeding one lane's result must
/// leave the other lane's adjoints zero.
/// </summary>
public sealed unsafe class MathRuleReversePropertyTests : MathRuleFormFixture
{
    private const MathRuleEntryPoints ReverseEntries = MathRuleEntryPoints.ReverseGradient | MathRuleEntryPoints.KernelReverse;

    // ---- Tests ----

    /// <summary>
    /// powi and ldexp with the exponent a parameter of f marked enzyme_const, scalar and vector: the gradient
    /// in x is n·x^(n-1) and 2^n, and the integer takes no adjoint.
    /// </summary>
    [TestCase("powi", false)]
    [TestCase("powi", true)]
    [TestCase("ldexp", false)]
    [TestCase("ldexp", true)]
    public void IntegerExponentParameterIsConstant(string name, bool vector)
    {
        string type = vector ? "<2 x double>" : "double";
        string integerType = name == "ldexp" && vector ? "<2 x i32>" : "i32";
        string callee = (name, vector) switch
        {
            ("powi", false) => "llvm.powi.f64.i32",
            ("powi", true) => "llvm.powi.v2f64.i32",
            ("ldexp", false) => "llvm.ldexp.f64.i32",
            _ => "llvm.ldexp.v2f64.v2i32",
        };
        string pack = vector
            ? "  %h = insertelement <2 x double> poison, double %x, i32 0\n  %v = insertelement <2 x double> %h, double %x, i32 1\n"
            : "";
        string packInteger = integerType == "<2 x i32>"
            ? "  %nh = insertelement <2 x i32> poison, i32 %n, i32 0\n  %nv = insertelement <2 x i32> %nh, i32 %n, i32 1\n"
            : "";
        string argument = vector ? "<2 x double> %v" : "double %x";
        string integerArgument = integerType == "<2 x i32>" ? "<2 x i32> %nv" : "i32 %n";
        string unpack = vector ? "  %s = extractelement <2 x double> %r, i32 1\n  ret double %s\n" : "  ret double %r\n";
        using var jit = new LlvmJit();
        string ir = $"target datalayout = \"{jit.DataLayout}\"\ntarget triple = \"{jit.TargetTriple}\"\n" +
            $"declare {type} @{callee}({type}, {integerType})\n" +
            $"define double @f(double %x, i32 %n) {{\n{pack}{packInteger}  %r = call {type} @{callee}({argument}, {integerArgument})\n{unpack}}}\n" +
            "@enzyme_out = external global i32\n@enzyme_const = external global i32\n" +
            "declare double @__enzyme_autodiff(ptr, ...)\n" +
            "define double @grad(double %x, i32 %n) {\n" +
            "  %g = call double (ptr, ...) @__enzyme_autodiff(ptr @f, ptr @enzyme_out, double %x, ptr @enzyme_const, i32 %n)\n  ret double %g\n}\n";
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ir, $"{name}-variable-reverse");
        Assert.That(module.Verify(), Is.Null, "test bug: the input module is invalid:\n" + ir);
        Assert.That(new DifferentiationEngine(module).Run(), Is.EqualTo(1));
        string? broken = module.Verify();
        Assert.That(broken, Is.Null, $"the differentiated module is invalid:\n{broken}");
        module.RunPasses("default<O2>");
        jit.AddModule(module);
        var grad = (delegate* unmanaged<double, int, double>)jit.GetSymbolAddress("grad");
        foreach (int n in new[] { -3, -1, 0, 1, 2, 5 })
        {
            foreach (double x in new[] { -1.7, -0.4, 0.6, 1.3, 2.9 })
            {
                double expected = name == "powi" ? n * Math.Pow(x, n - 1) : Math.Pow(2, n);
                Assert.That(grad(x, n), Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"d/dx {name}(x, {n}) at {x}");
            }
        }
    }

    // ---- The check ----

    private protected override void CheckForm(string rule, MathRuleSpec spec, MathRuleForm form)
    {
        using var jit = new LlvmJit();
        CompiledMathRuleModule compiled = MathRuleModules.Compile(jit, spec, form, ReverseEntries);
        int arity = spec.Arity;
        int lanes = form.Lanes;
        (double relative, double absolute) = MathRuleSpecs.FiniteDifferenceTolerance(form.Kind);
        string what = MathRuleModules.Describe(form);
        List<double[]> points = Samples(spec, RandomFor(rule)).ToList();
        Assert.That(points, Has.Count.EqualTo(Points), $"{what}: could not sample enough points in the domain");

        void Compare(double adjoint, double difference, double value, string message)
        {
            if (spec.PiecewiseConstant)
            {
                Assert.That(difference, Is.Zero, $"test bug: {message} (a sample sits on a jump)");
                Assert.That(adjoint, Is.EqualTo(0.0), message);
                return;
            }
            Assert.That(double.IsFinite(adjoint), Is.True, message);
            double tolerance = relative * Math.Max(Math.Abs(adjoint), Math.Abs(difference)) + absolute * Math.Max(1.0, Math.Abs(value));
            Assert.That(adjoint, Is.EqualTo(difference).Within(tolerance), message);
        }

        for (int p = 0; p < points.Count; p++)
        {
            double[] x = points[p];
            double value = compiled.Reference(x);
            double[] gradient = compiled.Gradient(x);
            for (int i = 0; i < arity; i++)
            {
                double difference = compiled.ReferenceDifference(x, i);
                Compare(gradient[i], difference, value,
                    $"{what}: d/dx{i} at ({Format(x)}): reverse mode (enzyme_out) {gradient[i]:R}, finite differences {difference:R}");
            }

            // The kernel: lane k at the k-th of consecutive samples, so that vector lanes hold different points.
            double[][] lanePoints = Enumerable.Range(0, lanes).Select(k => points[(p + k) % points.Count]).ToArray();
            double[] kernelArguments = compiled.KernelArguments(lanePoints);
            for (int seeded = 0; seeded < lanes; seeded++)
            {
                double[] adjoints = compiled.KernelAdjoint(kernelArguments, Unit(lanes, seeded));
                double[] point = lanePoints[seeded];
                double laneValue = compiled.Reference(point) / lanes;
                for (int i = 0; i < arity; i++)
                {
                    double difference = compiled.LaneReferenceDifference(point, i);
                    Compare(adjoints[i * lanes + seeded], difference, laneValue,
                        $"{what}: d/dx{i} of lane {seeded} at ({Format(point)}): reverse mode (enzyme_dup kernel) {adjoints[i * lanes + seeded]:R}, finite differences {difference:R}");
                    for (int other = 0; other < lanes; other++)
                    {
                        if (other != seeded)
                        {
                            Assert.That(adjoints[i * lanes + other], Is.EqualTo(0.0),
                                $"{what}: seeding lane {seeded} gave argument {i} of lane {other} an adjoint");
                        }
                    }
                }
            }
        }
    }
}
