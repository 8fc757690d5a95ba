namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// How to call and sample one math rule: the range of each floating-point argument, an optional
/// acceptance test that keeps samples off poles, kinks and jumps, whether the C library has the
/// function (powi has only its intrinsic), and whether its derivative is zero wherever it exists.
/// </summary>
internal sealed record MathRuleSpec(
    (double Lo, double Hi)[] Domains,
    Func<double[], bool>? Accept = null,
    bool HasLibm = true,
    bool PiecewiseConstant = false)
{
    public int Arity => Domains.Length;
}
