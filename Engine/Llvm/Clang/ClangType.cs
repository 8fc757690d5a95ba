using Enzyme.Llvm.Interop.Clang;
using static Enzyme.Llvm.Interop.Clang.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// A C type as libclang sees it, typedef sugar and qualifiers included. A view into a translation
/// unit: valid only while the <see cref="ClangTranslationUnit"/> it came from is alive.
/// </summary>
public readonly struct ClangType
{
    public ClangType(CXType handle) => Handle = handle;

    /// <summary>The raw type, for calls the thin layer does not wrap.</summary>
    public CXType Handle { get; }

    public CXTypeKind Kind => Handle.kind;

    /// <summary>The type as C would spell it, e.g. <c>const double *</c> or <c>size_t</c>.</summary>
    public string Spelling => CXStringOwnership.CopyAndDispose(clang_getTypeSpelling(Handle));

    /// <summary>The name of a typedef type; empty for other types.</summary>
    public string TypedefName => CXStringOwnership.CopyAndDispose(clang_getTypedefName(Handle));

    /// <summary>The type with all typedefs resolved (<c>size_t</c> becomes <c>unsigned long</c> on LP64).</summary>
    public ClangType Canonical => new(clang_getCanonicalType(Handle));

    /// <summary>
    /// What a pointer points to. Invalid for non-pointers, and for typedefs of pointers and decayed
    /// array parameters too: take it from <see cref="Canonical"/> in those cases.
    /// </summary>
    public ClangType Pointee => new(clang_getPointeeType(Handle));

    /// <summary>True when the type itself carries <c>const</c> (for <c>const double *</c>: false; its pointee: true).</summary>
    public bool IsConstQualified => clang_isConstQualifiedType(Handle) != 0;

    /// <summary>
    /// <c>sizeof</c> in bytes, or a negative <c>CXTypeLayoutError</c> (-2 incomplete, e.g. <c>void</c>;
    /// -5 undeduced; -1 invalid; -3 dependent; -4 not constant size).
    /// </summary>
    public long SizeOf => clang_Type_getSizeOf(Handle);

    /// <summary>The return type of a function type; invalid for other types.</summary>
    public ClangType ResultType => new(clang_getResultType(Handle));

    /// <summary>The parameter types of a prototyped function type, in order; empty for other types.</summary>
    public IReadOnlyList<ClangType> ArgumentTypes
    {
        get
        {
            int count = clang_getNumArgTypes(Handle);
            if (count <= 0)
            {
                // -1 means "not a function type"; both that and 0 read as no arguments.
                return [];
            }
            var types = new ClangType[count];
            for (int i = 0; i < count; i++)
            {
                types[i] = new ClangType(clang_getArgType(Handle, (uint)i));
            }
            return types;
        }
    }

    /// <summary>True for a function type with a trailing <c>...</c>.</summary>
    public bool IsVariadic => clang_isFunctionTypeVariadic(Handle) != 0;

    /// <summary>The element type of an array type; invalid for other types.</summary>
    public ClangType ElementType => new(clang_getArrayElementType(Handle));

    /// <summary>The element count of a constant-size array; -1 for other types.</summary>
    public long ArraySize => clang_getArraySize(Handle);

    /// <summary>The declaration of a struct, union, enum or typedef type; a no-declaration cursor otherwise.</summary>
    public ClangCursor Declaration => new(clang_getTypeDeclaration(Handle));

    public override string ToString() => Spelling;
}
