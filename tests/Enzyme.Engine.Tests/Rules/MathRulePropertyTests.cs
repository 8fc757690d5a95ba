using System.Globalization;
using System.Text;
using Enzyme.Engine.Modes;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// One property test per entry of <see cref="MathRules"/>: a tiny module calls the function
/// (as the C library name and, separately, as the LLVM intrinsic), <c>__enzyme_fwddiff</c>
/// differentiates it, and the JIT-compiled tangent must match central finite differences at
/// seeded random points inside the function's domain, in every input direction. Two-argument
/// functions must also be linear in the direction. Piecewise-constant functions must give
/// exactly zero away from their jumps. A few rules are checked in float and x86_fp80 too.
/// </summary>
public sealed unsafe class MathRulePropertyTests
{
    private const int Points = 20;
    private const int Seed = 20250611;

    public enum FloatKind
    {
        Double,
        Float,
        X86Fp80,
    }

    /// <summary>How to call and sample one rule: argument ranges, an optional acceptance test, an integer argument.</summary>
    private sealed record Spec(
        (double Lo, double Hi)[] Domains,
        Func<double[], bool>? Accept = null,
        bool HasLibm = true,
        bool PiecewiseConstant = false);

    private static (double, double) R(double lo, double hi) => (lo, hi);

    private static bool AwayFromInteger(double v, double margin = 0.05) => Math.Abs(v - Math.Round(v)) > margin;

    /// <summary>Domains keep clear of poles, branch cuts and kinks; the keys must cover <see cref="MathRules.All"/>.</summary>
    private static readonly Dictionary<string, Spec> Specs = new()
    {
        ["sin"] = new([R(-3, 3)]),
        ["cos"] = new([R(-3, 3)]),
        ["tan"] = new([R(-1.2, 1.2)]),
        ["asin"] = new([R(-0.9, 0.9)]),
        ["acos"] = new([R(-0.9, 0.9)]),
        ["atan"] = new([R(-4, 4)]),
        ["atan2"] = new([R(-2, 2), R(0.2, 2)]),
        ["sinh"] = new([R(-2, 2)]),
        ["cosh"] = new([R(-2, 2)]),
        ["tanh"] = new([R(-2, 2)]),
        ["asinh"] = new([R(-3, 3)]),
        ["acosh"] = new([R(1.1, 5)]),
        ["atanh"] = new([R(-0.9, 0.9)]),
        ["exp"] = new([R(-3, 3)]),
        ["exp2"] = new([R(-3, 3)]),
        ["exp10"] = new([R(-1.5, 1.5)]),
        ["expm1"] = new([R(-2, 2)]),
        ["log"] = new([R(0.1, 5)]),
        ["log2"] = new([R(0.1, 5)]),
        ["log10"] = new([R(0.1, 5)]),
        ["log1p"] = new([R(-0.5, 3)]),
        ["sqrt"] = new([R(0.1, 5)]),
        ["cbrt"] = new([R(-5, 5)], a => Math.Abs(a[0]) > 0.2),
        ["pow"] = new([R(0.2, 3), R(-2, 2.5)]),
        ["powi"] = new([R(-3, 3)], a => Math.Abs(a[0]) > 0.2, HasLibm: false),
        ["hypot"] = new([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0]) + Math.Abs(a[1]) > 0.3),
        ["fabs"] = new([R(-3, 3)], a => Math.Abs(a[0]) > 0.1),
        ["fmin"] = new([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0] - a[1]) > 0.1),
        ["fmax"] = new([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0] - a[1]) > 0.1),
        ["copysign"] = new([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0]) > 0.1 && Math.Abs(a[1]) > 0.1),
        ["fma"] = new([R(-2, 2), R(-2, 2), R(-2, 2)]),
        ["fmod"] = new([R(-6, 6), R(0.5, 2)], a => AwayFromInteger(a[0] / a[1]) && Math.Abs(a[0]) > 0.1),
        ["remainder"] = new([R(-6, 6), R(0.5, 2)], a => AwayFromInteger(a[0] / a[1] - 0.5) && AwayFromInteger(a[0] / a[1])),
        ["erf"] = new([R(-2, 2)]),
        ["erfc"] = new([R(-2, 2)]),
        ["tgamma"] = new([R(0.2, 5)]),
        ["lgamma"] = new([R(0.2, 6)]),
        ["ldexp"] = new([R(-3, 3)]),
        ["floor"] = new([R(-4, 4)], a => AwayFromInteger(a[0]), PiecewiseConstant: true),
        ["ceil"] = new([R(-4, 4)], a => AwayFromInteger(a[0]), PiecewiseConstant: true),
        ["trunc"] = new([R(-4, 4)], a => AwayFromInteger(a[0]), PiecewiseConstant: true),
        ["round"] = new([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
        ["rint"] = new([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
        ["nearbyint"] = new([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
        ["roundeven"] = new([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
    };

    /// <summary>LLVM intrinsic base names and the rule each one means.</summary>
    private static readonly (string Intrinsic, string Rule)[] Intrinsics =
    [
        ("sin", "sin"), ("cos", "cos"), ("tan", "tan"), ("asin", "asin"), ("acos", "acos"), ("atan", "atan"), ("atan2", "atan2"),
        ("sinh", "sinh"), ("cosh", "cosh"), ("tanh", "tanh"), ("exp", "exp"), ("exp2", "exp2"), ("exp10", "exp10"),
        ("log", "log"), ("log2", "log2"), ("log10", "log10"), ("sqrt", "sqrt"), ("pow", "pow"), ("powi", "powi"), ("fabs", "fabs"),
        ("minnum", "fmin"), ("minimum", "fmin"), ("minimumnum", "fmin"), ("maxnum", "fmax"), ("maximum", "fmax"), ("maximumnum", "fmax"),
        ("copysign", "copysign"), ("fma", "fma"), ("fmuladd", "fma"), ("ldexp", "ldexp"),
        ("floor", "floor"), ("ceil", "ceil"), ("trunc", "trunc"), ("round", "round"), ("rint", "rint"), ("nearbyint", "nearbyint"),
        ("roundeven", "roundeven"),
    ];

    /// <summary>Rules also checked in float and x86_fp80 (C names sinf/sinl and intrinsics llvm.sin.f32/.f80).</summary>
    private static readonly string[] TypeVariantRules =
        ["sin", "exp", "log", "tanh", "sqrt", "cbrt", "pow", "atan2", "hypot", "fmod", "lgamma", "tgamma", "erf", "powi", "ldexp", "floor", "fabs", "fma"];

    /// <summary>Integer exponents used for powi and ldexp (a constant second argument).</summary>
    private static readonly int[] IntegerExponents = [3, -2];

    // ---- Test case sources ----

    /// <summary>
    /// The rules this test runs on the host: NVPTX's own intrinsics (<c>nvvm.*</c>) only execute on a GPU, where
    /// samples/CudaSaxpy checks them against a CPU reference; CudaDerivativePtxTests checks their PTX here.
    /// </summary>
    private static IEnumerable<DerivativeRule> HostRules => MathRules.All.Where(r => !r.Name.StartsWith("nvvm.", StringComparison.Ordinal));

    public static IEnumerable<TestCaseData> EveryRule() =>
        HostRules.Select(r => r.Name).Order(StringComparer.Ordinal).Select(name => new TestCaseData(name).SetName($"Rule_{name}"));

    public static IEnumerable<TestCaseData> EveryIntrinsic() =>
        Intrinsics.Select(i => new TestCaseData(i.Intrinsic, i.Rule).SetName($"Intrinsic_llvm_{i.Intrinsic}"));

    public static IEnumerable<TestCaseData> TypeVariants()
    {
        foreach (string rule in TypeVariantRules)
        {
            foreach (FloatKind kind in new[] { FloatKind.Float, FloatKind.X86Fp80 })
            {
                if (Specs[rule].HasLibm)
                {
                    yield return new TestCaseData(rule, kind, false).SetName($"Variant_{rule}_{kind}_libm");
                }
                if (Intrinsics.Any(i => i.Intrinsic == rule))
                {
                    yield return new TestCaseData(rule, kind, true).SetName($"Variant_{rule}_{kind}_intrinsic");
                }
            }
        }
    }

    /// <summary>The intrinsics on &lt;2 x double&gt; (both lanes hold the same point, so f is twice the scalar).</summary>
    public static IEnumerable<TestCaseData> VectorIntrinsics() =>
        Intrinsics.Select(i => new TestCaseData(i.Intrinsic, i.Rule).SetName($"Vector_llvm_{i.Intrinsic}_v2f64"));

    public static IEnumerable<TestCaseData> TwoArgumentRules() =>
        HostRules.Where(r => Specs.TryGetValue(r.Name, out Spec? s) && s.Domains.Length >= 2 && !s.PiecewiseConstant)
            .Select(r => r.Name).Order(StringComparer.Ordinal).Select(name => new TestCaseData(name).SetName($"Linearity_{name}"));

    // ---- Tests ----

    [Test]
    public void EveryRuleHasADomainSpec()
    {
        string[] missing = HostRules.Select(r => r.Name).Where(n => !Specs.ContainsKey(n)).ToArray();
        Assert.That(missing, Is.Empty, "rules without a property spec in this test");
    }

    /// <summary>Each rule through its C library name (powi, which has none, through its intrinsic).</summary>
    [TestCaseSource(nameof(EveryRule))]
    public void CLibraryFormMatchesFiniteDifferences(string rule)
    {
        Assert.That(Specs.ContainsKey(rule), Is.True, $"no property spec for rule '{rule}'");
        Spec spec = Specs[rule];
        foreach (int n in ExponentsFor(rule))
        {
            Check(rule, spec, new Form(rule, Intrinsic: !spec.HasLibm, FloatKind.Double, n));
        }
    }

    [TestCaseSource(nameof(EveryIntrinsic))]
    public void IntrinsicFormMatchesFiniteDifferences(string intrinsic, string rule)
    {
        Spec spec = Specs[rule];
        foreach (int n in ExponentsFor(rule))
        {
            Check(rule, spec, new Form(intrinsic, Intrinsic: true, FloatKind.Double, n));
        }
    }

    [TestCaseSource(nameof(TypeVariants))]
    public void FloatAndLongDoubleFormsMatchFiniteDifferences(string rule, FloatKind kind, bool intrinsic)
    {
        Spec spec = Specs[rule];
        foreach (int n in ExponentsFor(rule))
        {
            Check(rule, spec, new Form(rule, intrinsic, kind, n));
        }
    }

    [TestCaseSource(nameof(VectorIntrinsics))]
    public void VectorIntrinsicFormMatchesFiniteDifferences(string intrinsic, string rule)
    {
        Spec spec = Specs[rule];
        foreach (int n in ExponentsFor(rule))
        {
            Check(rule, spec, new Form(intrinsic, Intrinsic: true, FloatKind.Double, n, Vector: true));
        }
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
        Spec spec = Specs[rule];
        using var jit = new LlvmJit();
        Compiled compiled = Compile(jit, spec, new Form(rule, !spec.HasLibm, FloatKind.Double, 0));
        var random = new Random(Seed + StableHash(rule) + 1);
        int arity = spec.Domains.Length;
        foreach (double[] x in Samples(spec, random))
        {
            double[] partials = new double[arity];
            for (int i = 0; i < arity; i++)
            {
                partials[i] = compiled.Tangent(x, Unit(arity, i));
            }
            double[] direction = Enumerable.Range(0, arity).Select(_ => random.NextDouble() * 4 - 2).ToArray();
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

    // ---- Building and running the module ----

    /// <summary>The callee: a C name (made sinf/sinl for other types) or an intrinsic base name.</summary>
    private sealed record Form(string Name, bool Intrinsic, FloatKind Kind, int IntegerArgument, bool Vector = false);

    private sealed class Compiled(LlvmJit jit, int arity)
    {
        private readonly nint _f = jit.GetSymbolAddress("f");
        private readonly nint _df = jit.GetSymbolAddress("df");
        private readonly nint _reference = jit.GetSymbolAddress("reference");

        public double Value(double[] x) => Invoke(_f, x);

        /// <summary>The double-precision version of the same call, for the finite differences.</summary>
        public double Reference(double[] x) => Invoke(_reference, x);

        private double Invoke(nint address, double[] x) => arity switch
        {
            1 => ((delegate* unmanaged<double, double>)address)(x[0]),
            2 => ((delegate* unmanaged<double, double, double>)address)(x[0], x[1]),
            3 => ((delegate* unmanaged<double, double, double, double>)address)(x[0], x[1], x[2]),
            _ => throw new NotSupportedException(),
        };

        public double Tangent(double[] x, double[] dx) => arity switch
        {
            1 => ((delegate* unmanaged<double, double, double>)_df)(x[0], dx[0]),
            2 => ((delegate* unmanaged<double, double, double, double, double>)_df)(x[0], dx[0], x[1], dx[1]),
            3 => ((delegate* unmanaged<double, double, double, double, double, double, double>)_df)(x[0], dx[0], x[1], dx[1], x[2], dx[2]),
            _ => throw new NotSupportedException(),
        };
    }

    private static IEnumerable<int> ExponentsFor(string rule) => rule is "powi" or "ldexp" ? IntegerExponents : [0];

    private static void Check(string rule, Spec spec, Form form)
    {
        using var jit = new LlvmJit();
        Compiled compiled = Compile(jit, spec, form);
        int arity = spec.Domains.Length;
        var random = new Random(Seed + StableHash(rule));
        (double relative, double absolute) = form.Kind == FloatKind.Float ? (1e-4, 1e-5) : (1e-6, 1e-8);
        string what = $"{Callee(form, spec)}{(form.IntegerArgument != 0 ? $" with n={form.IntegerArgument}" : "")}";
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
                double h = 1e-6 * Math.Max(1.0, Math.Abs(x[i]));
                double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
                plus[i] += h;
                minus[i] -= h;
                double difference = (compiled.Reference(plus) - compiled.Reference(minus)) / (plus[i] - minus[i]);
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

    private static Compiled Compile(LlvmJit jit, Spec spec, Form form)
    {
        string ir = BuildModule(spec, form, jit.TargetTriple, jit.DataLayout);
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseText(ir, "rule-" + form.Name);
        Assert.That(module.Verify(), Is.Null, "test bug: the input module is invalid:\n" + ir);

        int replaced = new DifferentiationEngine(module).Run();
        Assert.That(replaced, Is.EqualTo(1));
        string? broken = module.Verify();
        Assert.That(broken, Is.Null, $"the differentiated module is invalid for {Callee(form, spec)}:\n{broken}\n{module.PrintToString()}");
        module.RunPasses("default<O2>");
        Assert.That(module.Verify(), Is.Null);

        jit.AddModule(module);
        return new Compiled(jit, spec.Domains.Length);
    }

    private static string TypeName(FloatKind kind) => kind switch
    {
        FloatKind.Double => "double",
        FloatKind.Float => "float",
        _ => "x86_fp80",
    };

    private static string Callee(Form form, Spec spec, FloatKind? kindOverride = null, bool scalar = false)
    {
        FloatKind kind = kindOverride ?? form.Kind;
        if (form.Intrinsic)
        {
            if (form.Vector && !scalar)
            {
                return form.Name switch { "powi" => "llvm.powi.v2f64.i32", "ldexp" => "llvm.ldexp.v2f64.v2i32", _ => $"llvm.{form.Name}.v2f64" };
            }
            string suffix = kind switch { FloatKind.Double => "f64", FloatKind.Float => "f32", _ => "f80" };
            return form.Name is "powi" or "ldexp" ? $"llvm.{form.Name}.{suffix}.i32" : $"llvm.{form.Name}.{suffix}";
        }
        return kind switch { FloatKind.Double => form.Name, FloatKind.Float => form.Name + "f", _ => form.Name + "l" };
    }

    /// <summary>
    /// <c>f</c> converts its double arguments to the form's type, makes the call and converts
    /// back; <c>reference</c> makes the same call in double; <c>df</c> is the forward derivative of f.
    /// </summary>
    private static string BuildModule(Spec spec, Form form, string triple, string dataLayout)
    {
        int arity = spec.Domains.Length;
        bool hasInteger = form.Name is "powi" or "ldexp";
        var ir = new StringBuilder();
        ir.AppendLine($"target datalayout = \"{dataLayout}\"");
        ir.AppendLine($"target triple = \"{triple}\"");
        ir.AppendLine();
        if (form.Vector)
        {
            ir.Append(VectorFunction(Callee(form, spec), form.Name, arity, form.IntegerArgument));
            ir.Append(Declare(FloatKind.Double, Callee(form, spec, scalar: true), arity, hasInteger));
            ir.Append(Function("reference", FloatKind.Double, Callee(form, spec, scalar: true), arity, hasInteger, form.IntegerArgument, declare: false, times: 2));
        }
        else
        {
            ir.Append(Function("f", form.Kind, Callee(form, spec), arity, hasInteger, form.IntegerArgument));
            if (form.Kind != FloatKind.Double)
            {
                ir.Append(Declare(FloatKind.Double, Callee(form, spec, FloatKind.Double), arity, hasInteger));
            }
            ir.Append(Function("reference", FloatKind.Double, Callee(form, spec, FloatKind.Double), arity, hasInteger, form.IntegerArgument, declare: false));
        }

        string parameters = string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}, double %d{i}"));
        string arguments = string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}, double %d{i}"));
        ir.AppendLine("declare double @__enzyme_fwddiff(ptr, ...)");
        ir.AppendLine();
        ir.AppendLine($"define double @df({parameters}) {{");
        ir.AppendLine($"  %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, {arguments})");
        ir.AppendLine("  ret double %r");
        ir.AppendLine("}");
        return ir.ToString();
    }

    private static string Declare(FloatKind kind, string callee, int arity, bool hasInteger)
    {
        string t = TypeName(kind);
        var parameterTypes = Enumerable.Repeat(t, arity).ToList();
        if (hasInteger)
        {
            parameterTypes.Add("i32");
        }
        return $"declare {t} @{callee}({string.Join(", ", parameterTypes)})\n\n";
    }

    /// <summary>f(x…) = r[0] + r[1] with r = callee(&lt;x, x&gt;, …): twice the scalar function.</summary>
    private static string VectorFunction(string callee, string name, int arity, int integer)
    {
        var body = new StringBuilder();
        var parameterTypes = Enumerable.Repeat("<2 x double>", arity).ToList();
        string integerArgument = name switch
        {
            "powi" => $"i32 {integer}",
            "ldexp" => $"<2 x i32> <i32 {integer}, i32 {integer}>",
            _ => "",
        };
        if (integerArgument.Length > 0)
        {
            parameterTypes.Add(name == "powi" ? "i32" : "<2 x i32>");
        }
        body.AppendLine($"declare <2 x double> @{callee}({string.Join(", ", parameterTypes)})");
        body.AppendLine();
        body.AppendLine($"define double @f({string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}"))}) {{");
        var arguments = new List<string>();
        for (int i = 0; i < arity; i++)
        {
            body.AppendLine($"  %h{i} = insertelement <2 x double> poison, double %x{i}, i32 0");
            body.AppendLine($"  %v{i} = insertelement <2 x double> %h{i}, double %x{i}, i32 1");
            arguments.Add($"<2 x double> %v{i}");
        }
        if (integerArgument.Length > 0)
        {
            arguments.Add(integerArgument);
        }
        body.AppendLine($"  %r = call <2 x double> @{callee}({string.Join(", ", arguments)})");
        body.AppendLine("  %r0 = extractelement <2 x double> %r, i32 0");
        body.AppendLine("  %r1 = extractelement <2 x double> %r, i32 1");
        body.AppendLine("  %s = fadd double %r0, %r1");
        body.AppendLine("  ret double %s");
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    private static string Function(string name, FloatKind kind, string callee, int arity, bool hasInteger, int integer, bool declare = true, int times = 1)
    {
        string t = TypeName(kind);
        var body = new StringBuilder();
        if (declare)
        {
            body.Append(Declare(kind, callee, arity, hasInteger));
        }
        body.AppendLine($"define double @{name}({string.Join(", ", Enumerable.Range(0, arity).Select(i => $"double %x{i}"))}) {{");
        var callArguments = new List<string>();
        for (int i = 0; i < arity; i++)
        {
            switch (kind)
            {
                case FloatKind.Double:
                    callArguments.Add($"double %x{i}");
                    break;
                case FloatKind.Float:
                    body.AppendLine($"  %c{i} = fptrunc double %x{i} to float");
                    callArguments.Add($"float %c{i}");
                    break;
                default:
                    body.AppendLine($"  %c{i} = fpext double %x{i} to x86_fp80");
                    callArguments.Add($"x86_fp80 %c{i}");
                    break;
            }
        }
        if (hasInteger)
        {
            callArguments.Add($"i32 {integer.ToString(CultureInfo.InvariantCulture)}");
        }
        body.AppendLine($"  %r = call {t} @{callee}({string.Join(", ", callArguments)})");
        if (times != 1)
        {
            body.AppendLine($"  %t = fmul double %r, {times}.0");
            body.AppendLine("  ret double %t");
            body.AppendLine("}");
            body.AppendLine();
            return body.ToString();
        }
        switch (kind)
        {
            case FloatKind.Double:
                body.AppendLine("  ret double %r");
                break;
            case FloatKind.Float:
                body.AppendLine("  %w = fpext float %r to double");
                body.AppendLine("  ret double %w");
                break;
            default:
                body.AppendLine("  %w = fptrunc x86_fp80 %r to double");
                body.AppendLine("  ret double %w");
                break;
        }
        body.AppendLine("}");
        body.AppendLine();
        return body.ToString();
    }

    // ---- Sampling ----

    private static IEnumerable<double[]> Samples(Spec spec, Random random)
    {
        int produced = 0;
        for (int attempt = 0; attempt < 10_000 && produced < Points; attempt++)
        {
            double[] x = spec.Domains.Select(d => d.Lo + (d.Hi - d.Lo) * random.NextDouble()).ToArray();
            // Float forms see the arguments rounded to float: sample float-representable points.
            x = x.Select(v => (double)(float)v).ToArray();
            if (spec.Accept is { } accept && !accept(x))
            {
                continue;
            }
            produced++;
            yield return x;
        }
    }

    private static double[] Unit(int arity, int index)
    {
        double[] direction = new double[arity];
        direction[index] = 1.0;
        return direction;
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised).</summary>
    private static int StableHash(string text)
    {
        int hash = 17;
        foreach (char c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash & 0x7FFF;
    }

    private static string Format(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
