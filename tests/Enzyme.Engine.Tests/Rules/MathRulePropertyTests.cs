using Enzyme.Engine.Modes;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using static Enzyme.Engine.Tests.Rules.MathRuleSampling;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// One property test per entry of <see cref="MathRules"/>: a tiny module calls the function
/// (as the C library name and, separately, as the LLVM intrinsic), <c>__enzyme_fwddiff</c>
/// differentiates it, and the JIT-compiled tangent must match central finite differences at
/// seeded random points inside the function's domain, in every input direction. Two-argument
/// functions must also be linear in the direction. Piecewise-constant functions must give
/// exactly zero away from their jumps. A few rules are checked in float and x86_fp80 too.
/// The domains and forms come from <see cref="MathRuleSpecs"/>, which the reverse-mode and
/// dot-product fixtures read as well.
/// </summary>
public sealed unsafe class MathRulePropertyTests : MathRuleFormFixture
{
    // ---- Test case sources ----

    public static IEnumerable<TestCaseData> TwoArgumentRules() =>
        MathRuleSpecs.HostRuleNames.Where(name => MathRuleSpecs.Table.TryGetValue(name, out MathRuleSpec? s) && s.Arity >= 2 && !s.PiecewiseConstant)
            .Select(name => new TestCaseData(name).SetName($"Linearity_{name}"));

    // ---- Tests ----

    [Test]
    public void EveryRuleHasADomainSpec()
    {
        string[] missing = MathRuleSpecs.HostRuleNames.Where(n => !MathRuleSpecs.Table.ContainsKey(n)).ToArray();
        Assert.That(missing, Is.Empty, "rules without a property spec in MathRuleSpecs");
    }

    /// <summary>powi with an exponent that is a (constant-activity) parameter, scalar and vector.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void PowiWithAVariableExponent(bool vector)
    {
        string type = vector ? "<2 x double>" : "double";
        string callee = vector ? "llvm.powi.v2f64.i32" : "llvm.powi.f64.i32";
        string pack = vector
            ? "  %h = insertelement <2 x double> poison, double %x, i32 0\n  %v = insertelement <2 x double> %h, double %x, i32 1\n"
            : "";
        string argument = vector ? "<2 x double> %v" : "double %x";
        string unpack = vector ? "  %s = extractelement <2 x double> %r, i32 1\n  ret double %s\n" : "  ret double %r\n";
        using var jit = new LlvmJit();
        string ir = $"target datalayout = \"{jit.DataLayout}\"\ntarget triple = \"{jit.TargetTriple}\"\n" +
            $"declare {type} @{callee}({type}, i32)\n" +
            $"define double @f(double %x, i32 %n) {{\n{pack}  %r = call {type} @{callee}({argument}, i32 %n)\n{unpack}}}\n" +
            "declare double @__enzyme_fwddiff(ptr, ...)\n" +
            "define double @df(double %x, double %dx, i32 %n) {\n" +
            "  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, double %x, double %dx, i32 %n)\n  ret double %r\n}\n";
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ir, "powi-variable");
        Assert.That(module.Verify(), Is.Null, "test bug: the input module is invalid:\n" + ir);
        new DifferentiationEngine(module).Run();
        string? broken = module.Verify();
        Assert.That(broken, Is.Null, $"the differentiated module is invalid:\n{broken}");
        module.RunPasses("default<O2>");
        jit.AddModule(module);
        var df = (delegate* unmanaged<double, double, int, double>)jit.GetSymbolAddress("df");
        foreach (int n in new[] { -3, -1, 0, 1, 2, 5 })
        {
            foreach (double x in new[] { -1.7, -0.4, 0.6, 1.3, 2.9 })
            {
                double expected = n * Math.Pow(x, n - 1);
                Assert.That(df(x, 1.0, n), Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"d/dx x^{n} at {x}");
            }
        }
    }

    /// <summary>The tangent is linear in the direction: forward with (a, b) equals a·∂f/∂x + b·∂f/∂y.</summary>
    [TestCaseSource(nameof(TwoArgumentRules))]
    public void TangentIsLinearInTheDirection(string rule)
    {
        MathRuleSpec spec = MathRuleSpecs.For(rule);
        using var jit = new LlvmJit();
        CompiledMathRuleModule compiled = MathRuleModules.Compile(jit, spec, new MathRuleForm(rule, !spec.HasLibm, FloatKind.Double, 0), MathRuleEntryPoints.ForwardTangent);
        Random random = RandomFor(rule, 1);
        int arity = spec.Arity;
        foreach (double[] x in Samples(spec, random))
        {
            double[] partials = new double[arity];
            for (int i = 0; i < arity; i++)
            {
                partials[i] = compiled.Tangent(x, Unit(arity, i));
            }
            double[] direction = RandomVector(random, arity);
            double expected = 0, scale = 0;
            for (int i = 0; i < arity; i++)
            {
                expected += direction[i] * partials[i];
                scale += Math.Abs(direction[i] * partials[i]);
            }
            double actual = compiled.Tangent(x, direction);
            Assert.That(actual, Is.EqualTo(expected).Within(1e-13 * scale + 1e-300),
                $"{rule} at ({Format(x)}) in direction ({Format(direction)}); partials ({Format(partials)})");
        }
    }

    private protected override void CheckForm(string rule, MathRuleSpec spec, MathRuleForm form)
    {
        using var jit = new LlvmJit();
        CompiledMathRuleModule compiled = MathRuleModules.Compile(jit, spec, form, MathRuleEntryPoints.ForwardTangent);
        int arity = spec.Arity;
        Random random = RandomFor(rule);
        (double relative, double absolute) = MathRuleSpecs.FiniteDifferenceTolerance(form.Kind);
        string what = MathRuleModules.Describe(form);
        int checkedPoints = 0;
        foreach (double[] x in Samples(spec, random))
        {
            checkedPoints++;
            double value = compiled.Reference(x);
            Assert.That(compiled.Value(x), Is.EqualTo(value).Within(form.Kind == FloatKind.Float ? 1e-5 * Math.Max(1, Math.Abs(value)) : 1e-12 * Math.Max(1, Math.Abs(value))),
                $"{what}: the primal at ({Format(x)}) disagrees with the double version");
            for (int i = 0; i < arity; i++)
            {
                double tangent = compiled.Tangent(x, Unit(arity, i));
                double difference = compiled.ReferenceDifference(x, i);
                string message = $"{what}: d/dx{i} at ({Format(x)}): forward mode {tangent:R}, finite differences {difference:R}";
                if (spec.PiecewiseConstant)
                {
                    Assert.That(difference, Is.Zero, $"test bug: {message} (a sample sits on a jump)");
                    Assert.That(tangent, Is.EqualTo(0.0), message);
                    continue;
                }
                Assert.That(double.IsFinite(tangent), Is.True, message);
                double tolerance = relative * Math.Max(Math.Abs(tangent), Math.Abs(difference)) + absolute * Math.Max(1.0, Math.Abs(value));
                Assert.That(tangent, Is.EqualTo(difference).Within(tolerance), message);
            }
        }
        Assert.That(checkedPoints, Is.EqualTo(Points), $"{what}: could not sample enough points in the domain");
    }
}
