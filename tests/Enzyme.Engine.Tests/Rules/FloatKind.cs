namespace Enzyme.Engine.Tests.Rules;

/// <summary>The floating-point type a math rule is called in (the C names sin, sinf, sinl; intrinsics .f64, .f32, .f80).</summary>
public enum FloatKind
{
    Double,
    Float,
    X86Fp80,
}
