using System.Runtime.InteropServices;
using System.Text;
using Enzyme.Llvm.Interop.Clang;
using static Enzyme.Llvm.Interop.Clang.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// Owns one parsed C translation unit. Cursors and types taken from it are views into its AST and
/// are valid only until it is disposed. Diagnostics are copied out at parse time.
/// </summary>
public sealed unsafe class ClangTranslationUnit : IDisposable
{
    private readonly ClangIndex _index;
    private CXTranslationUnit _handle;

    private ClangTranslationUnit(ClangIndex index, CXTranslationUnit handle, string fileName)
    {
        _index = index;
        _handle = handle;
        FileName = fileName;
        Diagnostics = ReadDiagnostics(handle);
    }

    /// <summary>The main file, as given to the parse (a virtual name for in-memory sources).</summary>
    public string FileName { get; }

    /// <summary>All diagnostics clang produced, notes and warnings included, in clang's order.</summary>
    public IReadOnlyList<ClangDiagnostic> Diagnostics { get; }

    /// <summary>The raw handle, for calls the thin layer does not wrap.</summary>
    public CXTranslationUnit Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsNull, this);
            return _handle;
        }
    }

    /// <summary>The root cursor; its children are the top-level declarations, included headers' too.</summary>
    public ClangCursor Cursor => new(clang_getTranslationUnitCursor(Handle));

    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);

    /// <summary>Throws <see cref="ClangParseException"/> listing the error diagnostics, if there are any.</summary>
    public void ThrowIfErrors()
    {
        ClangDiagnostic[] errors = Diagnostics.Where(diagnostic => diagnostic.IsError).ToArray();
        if (errors.Length > 0)
        {
            throw new ClangParseException(FileName, CXErrorCode.CXError_Success, errors);
        }
    }

    /// <summary>
    /// Parses <paramref name="path"/> with the given compiler arguments (as on a clang command line,
    /// without the file itself). Files named in <paramref name="unsavedFiles"/> (path to contents) are
    /// read from memory instead of disk, the main file included.
    /// </summary>
    /// <exception cref="ClangParseException">libclang returned an error code instead of a unit.</exception>
    public static ClangTranslationUnit Parse(
        ClangIndex index,
        string path,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? unsavedFiles = null,
        CXTranslationUnit_Flags options = CXTranslationUnit_Flags.CXTranslationUnit_None)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(arguments);

        string[] argumentList = arguments.ToArray();
        KeyValuePair<string, string>[] unsavedList = unsavedFiles?.ToArray() ?? [];
        // Every native string is allocated up front and freed in one place, whatever fails in between.
        var nativeStrings = new List<nint>(1 + argumentList.Length + 2 * unsavedList.Length);
        sbyte* ToNative(string text)
        {
            nint native = Marshal.StringToCoTaskMemUTF8(text);
            nativeStrings.Add(native);
            return (sbyte*)native;
        }

        CXIndex indexHandle = index.AcquireForUnit();
        try
        {
            sbyte* nativePath = ToNative(path);
            var nativeArguments = new nint[argumentList.Length];
            for (int i = 0; i < argumentList.Length; i++)
            {
                nativeArguments[i] = (nint)ToNative(argumentList[i]);
            }
            var nativeUnsaved = new CXUnsavedFile[unsavedList.Length];
            for (int i = 0; i < unsavedList.Length; i++)
            {
                nativeUnsaved[i] = new CXUnsavedFile
                {
                    Filename = ToNative(unsavedList[i].Key),
                    Contents = ToNative(unsavedList[i].Value),
                    // The length is in UTF-8 bytes, not UTF-16 characters.
                    Length = new CULong((nuint)Encoding.UTF8.GetByteCount(unsavedList[i].Value)),
                };
            }

            CXTranslationUnit unit;
            CXErrorCode result;
            fixed (nint* argumentPointers = nativeArguments)
            fixed (CXUnsavedFile* unsavedPointers = nativeUnsaved)
            {
                result = clang_parseTranslationUnit2(
                    indexHandle,
                    nativePath,
                    (sbyte**)argumentPointers,
                    argumentList.Length,
                    unsavedPointers,
                    (uint)unsavedList.Length,
                    (uint)options,
                    &unit);
            }
            if (result != CXErrorCode.CXError_Success || unit.IsNull)
            {
                throw new ClangParseException(path, result == CXErrorCode.CXError_Success ? CXErrorCode.CXError_Failure : result, []);
            }
            try
            {
                return new ClangTranslationUnit(index, unit, path);
            }
            catch
            {
                clang_disposeTranslationUnit(unit);
                throw;
            }
        }
        catch
        {
            index.ReleaseUnit();
            throw;
        }
        finally
        {
            foreach (nint native in nativeStrings)
            {
                Marshal.FreeCoTaskMem(native);
            }
        }
    }

    /// <summary>Parses C source held in memory as if it were the file <paramref name="virtualFileName"/>.</summary>
    /// <exception cref="ClangParseException">libclang returned an error code instead of a unit.</exception>
    public static ClangTranslationUnit ParseSource(
        ClangIndex index,
        string virtualFileName,
        string sourceText,
        IEnumerable<string> arguments,
        CXTranslationUnit_Flags options = CXTranslationUnit_Flags.CXTranslationUnit_None)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        var unsaved = new Dictionary<string, string> { [virtualFileName] = sourceText };
        return Parse(index, virtualFileName, arguments, unsaved, options);
    }

    public void Dispose()
    {
        if (_handle.IsNull)
        {
            return;
        }
        clang_disposeTranslationUnit(_handle);
        _handle = default;
        _index.ReleaseUnit();
    }

    private static IReadOnlyList<ClangDiagnostic> ReadDiagnostics(CXTranslationUnit unit)
    {
        uint count = clang_getNumDiagnostics(unit);
        uint displayOptions = clang_defaultDiagnosticDisplayOptions();
        var diagnostics = new ClangDiagnostic[count];
        for (uint i = 0; i < count; i++)
        {
            CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
            try
            {
                diagnostics[i] = new ClangDiagnostic(
                    clang_getDiagnosticSeverity(diagnostic),
                    CXStringOwnership.CopyAndDispose(clang_formatDiagnostic(diagnostic, displayOptions)));
            }
            finally
            {
                clang_disposeDiagnostic(diagnostic);
            }
        }
        return diagnostics;
    }
}
