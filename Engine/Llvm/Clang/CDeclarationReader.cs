using Enzyme.Llvm.Interop.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// Reads the C functions a file exposes to the linker, described in the terms a P/Invoke bindings
/// generator needs. Only declarations spelled in the main file count: what its headers declare
/// belongs to those headers' own bindings.
/// </summary>
public sealed class CDeclarationReader
{
    /// <summary>
    /// Parses <paramref name="headerOrSourcePath"/> from disk and returns its externally visible
    /// function declarations, in source order, one per name.
    /// </summary>
    /// <param name="compilerArguments">Clang command-line arguments (<c>-I</c>, <c>-D</c>, <c>-std=</c>, ...), without the file itself.</param>
    /// <exception cref="ClangParseException">libclang failed, or clang reported errors in the code.</exception>
    public IReadOnlyList<CFunctionDeclaration> ReadFunctions(string headerOrSourcePath, IEnumerable<string> compilerArguments)
    {
        using var index = new ClangIndex();
        using ClangTranslationUnit unit = ClangTranslationUnit.Parse(index, headerOrSourcePath, compilerArguments);
        return ReadFunctions(unit);
    }

    /// <summary>
    /// Parses <paramref name="sourceText"/> as if it were the file <paramref name="virtualFileName"/>
    /// (its extension picks the language; includes are resolved relative to it and the <c>-I</c> paths).
    /// </summary>
    /// <exception cref="ClangParseException">libclang failed, or clang reported errors in the code.</exception>
    public IReadOnlyList<CFunctionDeclaration> ReadFunctions(string virtualFileName, string sourceText, IEnumerable<string> compilerArguments)
    {
        using var index = new ClangIndex();
        using ClangTranslationUnit unit = ClangTranslationUnit.ParseSource(index, virtualFileName, sourceText, compilerArguments);
        return ReadFunctions(unit);
    }

    /// <summary>Reads the functions of an already parsed unit, which stays owned by the caller.</summary>
    /// <exception cref="ClangParseException">clang reported errors in the code.</exception>
    public IReadOnlyList<CFunctionDeclaration> ReadFunctions(ClangTranslationUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        // Declarations of code with errors may be missing or half-typed; better to stop than to bind them.
        unit.ThrowIfErrors();

        var functions = new List<CFunctionDeclaration>();
        var seenNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClangCursor cursor in TopLevelDeclarations(unit.Cursor))
        {
            if (cursor.Kind != CXCursorKind.CXCursor_FunctionDecl || !cursor.IsFromMainFile)
            {
                continue;
            }
            // Internal linkage covers `static` and also a later redeclaration of a static function
            // written without `static`, which the storage class alone would let through.
            if (cursor.Linkage != CXLinkageKind.CXLinkage_External)
            {
                continue;
            }
            string name = cursor.Spelling;
            // A prototype followed by its definition declares one symbol; the first one is where it is documented.
            if (!seenNames.Add(name))
            {
                continue;
            }
            functions.Add(DescribeFunction(cursor, name));
        }
        return functions;
    }

    /// <summary>
    /// The unit's top-level declarations, with those of C++ <c>extern "C"</c> blocks and
    /// declarations (linkage specifications) in their place: that is how C++ sources export C functions.
    /// </summary>
    private static IEnumerable<ClangCursor> TopLevelDeclarations(ClangCursor unit)
    {
        foreach (ClangCursor cursor in unit.Children)
        {
            if (cursor.Kind == CXCursorKind.CXCursor_LinkageSpec)
            {
                foreach (ClangCursor inner in cursor.Children)
                {
                    yield return inner;
                }
                continue;
            }
            yield return cursor;
        }
    }

    private static CFunctionDeclaration DescribeFunction(ClangCursor function, string name)
    {
        var parameters = function.Arguments
            .Select(argument => new CParameter(argument.Spelling, DescribeType(argument.Type)))
            .ToArray();
        ClangSourceLocation location = function.Location;
        return new CFunctionDeclaration(
            name,
            DescribeType(function.ResultType),
            parameters,
            function.IsVariadic,
            location.File,
            location.Line);
    }

    private static CTypeDescription DescribeType(ClangType type)
    {
        ClangType canonical = type.Canonical;
        CTypeKind kind = ClassifyCanonical(canonical);

        CTypeDescription? pointee = null;
        if (canonical.Kind == CXTypeKind.CXType_Pointer)
        {
            // The sugared pointee keeps typedef names (`real *` points to `real`); typedefs of pointers
            // and decayed array parameters have none, so fall back to the canonical one.
            ClangType sugaredPointee = type.Pointee;
            pointee = DescribeType(sugaredPointee.Kind == CXTypeKind.CXType_Invalid ? canonical.Pointee : sugaredPointee);
        }

        long size = canonical.SizeOf;
        return new CTypeDescription(
            type.Spelling,
            kind,
            type.IsConstQualified || canonical.IsConstQualified,
            pointee,
            size >= 0 ? size : null);
    }

    private static CTypeKind ClassifyCanonical(ClangType canonical) => canonical.Kind switch
    {
        CXTypeKind.CXType_Void => CTypeKind.Void,
        CXTypeKind.CXType_Bool => CTypeKind.Bool,
        CXTypeKind.CXType_Float => CTypeKind.Float,
        CXTypeKind.CXType_Double => CTypeKind.Double,
        CXTypeKind.CXType_LongDouble => CTypeKind.LongDouble,
        CXTypeKind.CXType_Char_S or CXTypeKind.CXType_SChar or CXTypeKind.CXType_Short
            or CXTypeKind.CXType_Int or CXTypeKind.CXType_Long or CXTypeKind.CXType_LongLong
            => ClassifyInteger(canonical.SizeOf, isSigned: true),
        CXTypeKind.CXType_Char_U or CXTypeKind.CXType_UChar or CXTypeKind.CXType_UShort
            or CXTypeKind.CXType_UInt or CXTypeKind.CXType_ULong or CXTypeKind.CXType_ULongLong
            or CXTypeKind.CXType_Char16 or CXTypeKind.CXType_Char32
            => ClassifyInteger(canonical.SizeOf, isSigned: false),
        CXTypeKind.CXType_Pointer => canonical.Pointee.Canonical.Kind
            is CXTypeKind.CXType_FunctionProto or CXTypeKind.CXType_FunctionNoProto
                ? CTypeKind.FunctionPointer
                : CTypeKind.Pointer,
        CXTypeKind.CXType_Record => canonical.Declaration.Kind == CXCursorKind.CXCursor_UnionDecl
            ? CTypeKind.Other
            : CTypeKind.Struct,
        CXTypeKind.CXType_Enum => CTypeKind.Enum,
        _ => CTypeKind.Other,
    };

    // Width comes from sizeof rather than the kind, because `long` and plain `char` differ between targets.
    private static CTypeKind ClassifyInteger(long size, bool isSigned) => (size, isSigned) switch
    {
        (1, true) => CTypeKind.Int8,
        (2, true) => CTypeKind.Int16,
        (4, true) => CTypeKind.Int32,
        (8, true) => CTypeKind.Int64,
        (1, false) => CTypeKind.UInt8,
        (2, false) => CTypeKind.UInt16,
        (4, false) => CTypeKind.UInt32,
        (8, false) => CTypeKind.UInt64,
        _ => CTypeKind.Other,
    };
}
