namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// The forms every math-rule fixture checks, one test case per rule or intrinsic: the C library
/// name (powi, which has none, through its intrinsic), each intrinsic, the float and x86_fp80
/// variants, and the intrinsics on &lt;2 x double&gt;, each at every exponent the rule's spec lists.
/// A fixture says what it checks of one form in <see cref="CheckForm"/> (forward tangents, reverse
/// gradients, or the dot product between the modes).
/// </summary>
public abstract class MathRuleFormFixture
{
    // ---- Test case sources ----

    public static IEnumerable<TestCaseData> EveryRule() =>
        MathRuleSpecs.HostRuleNames.Select(name => new TestCaseData(name).SetName($"Rule_{name}"));

    public static IEnumerable<TestCaseData> EveryIntrinsic() =>
        MathRuleSpecs.Intrinsics.Select(i => new TestCaseData(i.Intrinsic, i.Rule).SetName($"Intrinsic_llvm_{i.Intrinsic}"));

    public static IEnumerable<TestCaseData> TypeVariants() =>
        MathRuleSpecs.TypeVariants().Select(v =>
            new TestCaseData(v.Rule, v.Kind, v.Intrinsic).SetName($"Variant_{v.Rule}_{v.Kind}_{(v.Intrinsic ? "intrinsic" : "libm")}"));

    public static IEnumerable<TestCaseData> VectorIntrinsics() =>
        MathRuleSpecs.Intrinsics.Select(i => new TestCaseData(i.Intrinsic, i.Rule).SetName($"Vector_llvm_{i.Intrinsic}_v2f64"));

    // ---- Tests ----

    [TestCaseSource(nameof(EveryRule))]
    public void CLibraryForm(string rule) =>
        CheckAtEveryExponent(rule, (spec, n) => new MathRuleForm(rule, Intrinsic: !spec.HasLibm, FloatKind.Double, n));

    [TestCaseSource(nameof(EveryIntrinsic))]
    public void IntrinsicForm(string intrinsic, string rule) =>
        CheckAtEveryExponent(rule, (_, n) => new MathRuleForm(intrinsic, Intrinsic: true, FloatKind.Double, n));

    [TestCaseSource(nameof(TypeVariants))]
    public void FloatAndLongDoubleForms(string rule, FloatKind kind, bool intrinsic) =>
        CheckAtEveryExponent(rule, (_, n) => new MathRuleForm(rule, intrinsic, kind, n));

    [TestCaseSource(nameof(VectorIntrinsics))]
    public void VectorIntrinsicForm(string intrinsic, string rule) =>
        CheckAtEveryExponent(rule, (_, n) => new MathRuleForm(intrinsic, Intrinsic: true, FloatKind.Double, n, Vector: true));

    /// <summary>Checks one form of <paramref name="rule"/>.</summary>
    private protected abstract void CheckForm(string rule, MathRuleSpec spec, MathRuleForm form);

    private void CheckAtEveryExponent(string rule, Func<MathRuleSpec, int, MathRuleForm> form)
    {
        MathRuleSpec spec = MathRuleSpecs.For(rule);
        foreach (int n in MathRuleSpecs.ExponentsFor(rule))
        {
            CheckForm(rule, spec, form(spec, n));
        }
    }
}
