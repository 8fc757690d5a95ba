namespace Enzyme.Llvm.Clang;

/// <summary>
/// A C type described for a bindings generator.
/// </summary>
/// <param name="Spelling">As written in the source, typedef names kept (<c>size_t</c>, <c>const double *</c>).</param>
/// <param name="Kind">The shape after typedefs are resolved (<c>size_t</c> is <see cref="CTypeKind.UInt64"/> on LP64).</param>
/// <param name="IsConst">Whether this type itself is <c>const</c>; for <c>const double *</c> only the pointee is.</param>
/// <param name="Pointee">What a <see cref="CTypeKind.Pointer"/> or <see cref="CTypeKind.FunctionPointer"/> points to; null otherwise.</param>
/// <param name="SizeInBytes"><c>sizeof</c> the type; null when it has none (<c>void</c>, incomplete structs, functions).</param>
public sealed record CTypeDescription(
    string Spelling,
    CTypeKind Kind,
    bool IsConst,
    CTypeDescription? Pointee,
    long? SizeInBytes)
{
    public override string ToString() => Spelling;
}
