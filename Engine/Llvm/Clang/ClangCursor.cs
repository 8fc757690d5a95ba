using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Enzyme.Llvm.Interop.Clang;
using static Enzyme.Llvm.Interop.Clang.Clang;

namespace Enzyme.Llvm.Clang;

/// <summary>
/// A node of a translation unit's AST (declaration, reference, statement, ...). A view into the unit:
/// valid only while the <see cref="ClangTranslationUnit"/> it came from is alive. Every property asks
/// libclang afresh, so read a property once when it is used repeatedly.
/// </summary>
public readonly unsafe struct ClangCursor
{
    public ClangCursor(CXCursor handle) => Handle = handle;

    /// <summary>The raw cursor, for calls the thin layer does not wrap.</summary>
    public CXCursor Handle { get; }

    public CXCursorKind Kind => clang_getCursorKind(Handle);

    /// <summary>The name of the entity (function, parameter, type, ...); empty for unnamed ones.</summary>
    public string Spelling => CXStringOwnership.CopyAndDispose(clang_getCursorSpelling(Handle));

    /// <summary>The declared type (for a function: its function type).</summary>
    public ClangType Type => new(clang_getCursorType(Handle));

    /// <summary>The return type of a function or method cursor; invalid for other cursors.</summary>
    public ClangType ResultType => new(clang_getCursorResultType(Handle));

    /// <summary>The type a typedef declaration names; invalid for other cursors.</summary>
    public ClangType TypedefUnderlyingType => new(clang_getTypedefDeclUnderlyingType(Handle));

    /// <summary>The parameter declarations of a function cursor, in order; empty for other cursors.</summary>
    public IReadOnlyList<ClangCursor> Arguments
    {
        get
        {
            int count = clang_Cursor_getNumArguments(Handle);
            if (count <= 0)
            {
                // -1 means "not a function"; both that and 0 read as no arguments.
                return [];
            }
            var arguments = new ClangCursor[count];
            for (int i = 0; i < count; i++)
            {
                arguments[i] = new ClangCursor(clang_Cursor_getArgument(Handle, (uint)i));
            }
            return arguments;
        }
    }

    public CXLinkageKind Linkage => clang_getCursorLinkage(Handle);

    public CX_StorageClass StorageClass => clang_Cursor_getStorageClass(Handle);

    /// <summary>Where the cursor is spelled (for macro expansions: where the macro text was written).</summary>
    public ClangSourceLocation Location
    {
        get
        {
            CXFile file;
            uint line;
            uint column;
            clang_getSpellingLocation(clang_getCursorLocation(Handle), &file, &line, &column, null);
            string fileName = file.IsNull ? string.Empty : CXStringOwnership.CopyAndDispose(clang_getFileName(file));
            return new ClangSourceLocation(fileName, (int)line, (int)column);
        }
    }

    /// <summary>True when the cursor is in the file that was parsed, not in a header it includes.</summary>
    public bool IsFromMainFile => clang_Location_isFromMainFile(clang_getCursorLocation(Handle)) != 0;

    /// <summary>True for a definition (a function with a body, a struct with fields), false for a mere declaration.</summary>
    public bool IsDefinition => clang_isCursorDefinition(Handle) != 0;

    /// <summary>True for a function declared with a trailing <c>...</c>.</summary>
    public bool IsVariadic => clang_Cursor_isVariadic(Handle) != 0;

    /// <summary>The direct children, in source order (for the unit cursor: the top-level declarations).</summary>
    public IReadOnlyList<ClangCursor> Children
    {
        get
        {
            var children = new List<ClangCursor>();
            var handle = new GCHandle<List<ClangCursor>>(children);
            try
            {
                clang_visitChildren(Handle, &CollectChild, (void*)GCHandle<List<ClangCursor>>.ToIntPtr(handle));
            }
            finally
            {
                handle.Dispose();
            }
            return children;
        }
    }

    public override string ToString() => $"{Kind} '{Spelling}'";

    // Runs inside clang_visitChildren, on the calling thread; it must not throw into native code,
    // and List.Add cannot fail here short of running out of memory.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CXChildVisitResult CollectChild(CXCursor cursor, CXCursor parent, void* clientData)
    {
        GCHandle<List<ClangCursor>>.FromIntPtr((nint)clientData).Target.Add(new ClangCursor(cursor));
        return CXChildVisitResult.CXChildVisit_Continue;
    }
}
