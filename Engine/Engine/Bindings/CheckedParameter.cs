namespace Enzyme.Engine.Bindings;

/// <summary>
/// One parameter of a primal, as the generated gradient check and TorchSharp layer see it.
/// </summary>
/// <param name="Name">The C# identifier (keywords escaped with <c>@</c>).</param>
/// <param name="Index">Position among the primal's parameters.</param>
/// <param name="ScalarType">The C# element type: <c>double</c>, <c>float</c>, <c>int</c>, <c>nuint</c>, …</param>
/// <param name="IsPointer">A pointer to <see cref="ScalarType"/> (an array).</param>
/// <param name="IsActive">Differentiated: a <c>dup</c>/<c>dupnoneed</c> pointer, an <c>out</c> scalar (reverse) or a <c>dup</c> scalar (forward).</param>
/// <param name="IsConstPointee">A <c>const T *</c>: the C function does not write through it.</param>
/// <param name="SizeParameter">The integer parameter giving this pointer's element count (item metadata <c>Sizes</c>), if any.</param>
public sealed record CheckedParameter(string Name, int Index, string ScalarType, bool IsPointer, bool IsActive, bool IsConstPointee, CheckedParameter? SizeParameter)
{
    public bool IsFloatingPoint => ScalarType is "double" or "float";

    /// <summary>The type a caller passes: spans for arrays (read only: the checks copy them).</summary>
    public string CallerType => IsPointer ? $"ReadOnlySpan<{ScalarType}>" : ScalarType;
}
