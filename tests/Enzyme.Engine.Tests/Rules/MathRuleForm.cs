namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// One way of calling a rule: a C name (made sinf/sinl for other types) or an intrinsic base name,
/// the type, the constant integer argument of powi and ldexp, and whether the call is on &lt;2 x double&gt;.
/// </summary>
internal sealed record MathRuleForm(string Name, bool Intrinsic, FloatKind Kind, int IntegerArgument, bool Vector = false)
{
    public bool HasIntegerArgument => Name is "powi" or "ldexp";

    /// <summary>Lanes of the call: the vector forms compute two results at once.</summary>
    public int Lanes => Vector ? 2 : 1;
}
