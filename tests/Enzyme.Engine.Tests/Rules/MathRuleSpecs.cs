using Enzyme.Engine.Rules;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// The one table the math-rule property tests (forward, reverse, dot product) read: for each entry
/// of <see cref="MathRules"/> the domain it is sampled in, the LLVM intrinsics that mean the same,
/// the rules also checked in float and x86_fp80, and the integer exponents of powi and ldexp.
/// </summary>
internal static class MathRuleSpecs
{
    private static (double, double) R(double lo, double hi) => (lo, hi);

    private static bool AwayFromInteger(double v, double margin = 0.05) => Math.Abs(v - Math.Round(v)) > margin;

    /// <summary>Domains keep clear of poles, branch cuts and kinks; the keys must cover <see cref="MathRules.All"/>.</summary>
    public static readonly IReadOnlyDictionary<string, MathRuleSpec> Table = new Dictionary<string, MathRuleSpec>
    {
        ["sin"] = new MathRuleSpec([R(-3, 3)]),
        ["cos"] = new MathRuleSpec([R(-3, 3)]),
        ["tan"] = new MathRuleSpec([R(-1.2, 1.2)]),
        ["asin"] = new MathRuleSpec([R(-0.9, 0.9)]),
        ["acos"] = new MathRuleSpec([R(-0.9, 0.9)]),
        ["atan"] = new MathRuleSpec([R(-4, 4)]),
        ["atan2"] = new MathRuleSpec([R(-2, 2), R(0.2, 2)]),
        ["sinh"] = new MathRuleSpec([R(-2, 2)]),
        ["cosh"] = new MathRuleSpec([R(-2, 2)]),
        ["tanh"] = new MathRuleSpec([R(-2, 2)]),
        ["asinh"] = new MathRuleSpec([R(-3, 3)]),
        ["acosh"] = new MathRuleSpec([R(1.1, 5)]),
        ["atanh"] = new MathRuleSpec([R(-0.9, 0.9)]),
        ["exp"] = new MathRuleSpec([R(-3, 3)]),
        ["exp2"] = new MathRuleSpec([R(-3, 3)]),
        ["exp10"] = new MathRuleSpec([R(-1.5, 1.5)]),
        ["expm1"] = new MathRuleSpec([R(-2, 2)]),
        ["log"] = new MathRuleSpec([R(0.1, 5)]),
        ["log2"] = new MathRuleSpec([R(0.1, 5)]),
        ["log10"] = new MathRuleSpec([R(0.1, 5)]),
        ["log1p"] = new MathRuleSpec([R(-0.5, 3)]),
        ["sqrt"] = new MathRuleSpec([R(0.1, 5)]),
        ["cbrt"] = new MathRuleSpec([R(-5, 5)], a => Math.Abs(a[0]) > 0.2),
        ["pow"] = new MathRuleSpec([R(0.2, 3), R(-2, 2.5)]),
        ["powi"] = new MathRuleSpec([R(-3, 3)], a => Math.Abs(a[0]) > 0.2, HasLibm: false),
        ["hypot"] = new MathRuleSpec([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0]) + Math.Abs(a[1]) > 0.3),
        ["fabs"] = new MathRuleSpec([R(-3, 3)], a => Math.Abs(a[0]) > 0.1),
        ["fmin"] = new MathRuleSpec([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0] - a[1]) > 0.1),
        ["fmax"] = new MathRuleSpec([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0] - a[1]) > 0.1),
        ["copysign"] = new MathRuleSpec([R(-3, 3), R(-3, 3)], a => Math.Abs(a[0]) > 0.1 && Math.Abs(a[1]) > 0.1),
        ["fma"] = new MathRuleSpec([R(-2, 2), R(-2, 2), R(-2, 2)]),
        ["fmod"] = new MathRuleSpec([R(-6, 6), R(0.5, 2)], a => AwayFromInteger(a[0] / a[1]) && Math.Abs(a[0]) > 0.1),
        ["remainder"] = new MathRuleSpec([R(-6, 6), R(0.5, 2)], a => AwayFromInteger(a[0] / a[1] - 0.5) && AwayFromInteger(a[0] / a[1])),
        ["erf"] = new MathRuleSpec([R(-2, 2)]),
        ["erfc"] = new MathRuleSpec([R(-2, 2)]),
        ["tgamma"] = new MathRuleSpec([R(0.2, 5)]),
        ["lgamma"] = new MathRuleSpec([R(0.2, 6)]),
        ["ldexp"] = new MathRuleSpec([R(-3, 3)]),
        ["floor"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]), PiecewiseConstant: true),
        ["ceil"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]), PiecewiseConstant: true),
        ["trunc"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]), PiecewiseConstant: true),
        ["round"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
        ["rint"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
        ["nearbyint"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
        ["roundeven"] = new MathRuleSpec([R(-4, 4)], a => AwayFromInteger(a[0]) && AwayFromInteger(a[0] - 0.5), PiecewiseConstant: true),
    };

    /// <summary>LLVM intrinsic base names and the rule each one means.</summary>
    public static readonly (string Intrinsic, string Rule)[] Intrinsics =
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
    public static readonly string[] TypeVariantRules =
        ["sin", "exp", "log", "tanh", "sqrt", "cbrt", "pow", "atan2", "hypot", "fmod", "lgamma", "tgamma", "erf", "powi", "ldexp", "floor", "fabs", "fma"];

    /// <summary>Integer exponents used for powi and ldexp (a constant second argument).</summary>
    private static readonly int[] IntegerExponents = [3, -2];

    /// <summary>
    /// The rules the tests run on the host: NVPTX's own intrinsics (<c>nvvm.*</c>) only execute on a GPU, where
    /// samples/CudaSaxpy checks them against a CPU reference; CudaDerivativePtxTests checks their PTX here.
    /// </summary>
    public static IEnumerable<string> HostRuleNames =>
        MathRules.All.Select(r => r.Name).Where(n => !n.StartsWith("nvvm.", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>The rule's spec; a rule without one fails the test that asks, naming the rule.</summary>
    public static MathRuleSpec For(string rule)
    {
        Assert.That(Table.ContainsKey(rule), Is.True, $"no property spec for rule '{rule}'");
        return Table[rule];
    }

    /// <summary>The intrinsic of the same rule exists (so the type variants can call llvm.sin.f32 as well as sinf).</summary>
    public static bool HasIntrinsic(string rule) => Intrinsics.Any(i => i.Intrinsic == rule);

    /// <summary>The float and x86_fp80 forms: (rule, type, through the intrinsic) for every rule in <see cref="TypeVariantRules"/>.</summary>
    public static IEnumerable<(string Rule, FloatKind Kind, bool Intrinsic)> TypeVariants()
    {
        foreach (string rule in TypeVariantRules)
        {
            foreach (FloatKind kind in new[] { FloatKind.Float, FloatKind.X86Fp80 })
            {
                if (Table[rule].HasLibm)
                {
                    yield return (rule, kind, false);
                }
                if (HasIntrinsic(rule))
                {
                    yield return (rule, kind, true);
                }
            }
        }
    }

    /// <summary>The integer arguments a rule is checked with: both exponents for powi and ldexp, none otherwise.</summary>
    public static IEnumerable<int> ExponentsFor(string rule) => rule is "powi" or "ldexp" ? IntegerExponents : [0];

    /// <summary>
    /// How close a derivative must come to central finite differences: relative to the larger of the two,
    /// plus an absolute part relative to the value (float carries its own round-off into both).
    /// </summary>
    public static (double Relative, double Absolute) FiniteDifferenceTolerance(FloatKind kind) =>
        kind == FloatKind.Float ? (1e-4, 1e-5) : (1e-6, 1e-8);
}
