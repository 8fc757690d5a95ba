namespace Enzyme.Llvm.Clang;

/// <summary>
/// The shape of a C type as a bindings generator needs it, after typedefs are resolved. Integer
/// kinds carry their real width (from <c>sizeof</c>), so <c>long</c> is <see cref="Int64"/> on LP64
/// and <see cref="Int32"/> on Windows.
/// </summary>
public enum CTypeKind
{
    Void,
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float,
    Double,
    LongDouble,

    /// <summary>A pointer to data (anything but a function); see <see cref="CTypeDescription.Pointee"/>.</summary>
    Pointer,

    /// <summary>A struct (by value). Unions are <see cref="Other"/>: they cannot be laid out sequentially.</summary>
    Struct,

    Enum,

    /// <summary>A pointer to a function.</summary>
    FunctionPointer,

    /// <summary>Anything else: unions, arrays, vectors, complex, 128-bit integers, <c>wchar_t</c>, ...</summary>
    Other,
}
