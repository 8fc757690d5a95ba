namespace Enzyme.Llvm;

/// <summary>
/// Where an attribute sits on a function or call: the function itself, its return value, or a
/// parameter. The C API numbers them as one unsigned (function ~0, return 0, parameter i at i + 1);
/// this keeps that arithmetic in one place.
/// </summary>
public readonly record struct LlvmAttributeIndex(uint Value)
{
    public static LlvmAttributeIndex Function => new(uint.MaxValue);
    public static LlvmAttributeIndex Return => new(0);

    /// <summary>Parameter <paramref name="index"/>, counted from 0.</summary>
    public static LlvmAttributeIndex Parameter(int index) => new(checked((uint)index + 1));
}
