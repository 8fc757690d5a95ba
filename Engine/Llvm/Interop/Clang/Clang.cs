using System.Runtime.InteropServices;

namespace Enzyme.Llvm.Interop.Clang;

/// <summary>
/// Raw entry points of libclang, 1:1 with <c>clang-c/*.h</c>: same names, blittable signatures
/// (<c>sbyte*</c> for <c>char*</c>, <c>uint</c> for <c>unsigned</c>, <c>long</c> for <c>long long</c>,
/// structs by value where C passes them by value). Only the subset a C declaration reader needs.
/// </summary>
public static unsafe partial class Clang
{
    // ---- Strings (CXString.h) ----
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial sbyte* clang_getCString(CXString @string);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial void clang_disposeString(CXString @string);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXString clang_getClangVersion();

    // ---- Index and translation units (Index.h) ----
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXIndex clang_createIndex(int excludeDeclarationsFromPCH, int displayDiagnostics);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial void clang_disposeIndex(CXIndex index);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXErrorCode clang_parseTranslationUnit2(CXIndex CIdx, sbyte* source_filename, sbyte** command_line_args, int num_command_line_args, CXUnsavedFile* unsaved_files, uint num_unsaved_files, uint options, CXTranslationUnit* out_TU);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial void clang_disposeTranslationUnit(CXTranslationUnit unit);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXCursor clang_getTranslationUnitCursor(CXTranslationUnit unit);

    // ---- Diagnostics (Index.h, CXDiagnostic.h) ----
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_getNumDiagnostics(CXTranslationUnit Unit);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXDiagnostic clang_getDiagnostic(CXTranslationUnit Unit, uint Index);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXDiagnosticSeverity clang_getDiagnosticSeverity(CXDiagnostic Diagnostic);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXString clang_formatDiagnostic(CXDiagnostic Diagnostic, uint Options);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_defaultDiagnosticDisplayOptions();
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial void clang_disposeDiagnostic(CXDiagnostic Diagnostic);

    // ---- Cursors (Index.h) ----
    // The visitor is called back on the parsing thread, synchronously, before clang_visitChildren returns.
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_visitChildren(CXCursor parent, delegate* unmanaged[Cdecl]<CXCursor, CXCursor, void*, CXChildVisitResult> visitor, void* client_data);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXCursorKind clang_getCursorKind(CXCursor cursor);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXString clang_getCursorSpelling(CXCursor cursor);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getCursorType(CXCursor C);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getCursorResultType(CXCursor C);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial int clang_Cursor_getNumArguments(CXCursor C);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXCursor clang_Cursor_getArgument(CXCursor C, uint i);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXLinkageKind clang_getCursorLinkage(CXCursor cursor);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CX_StorageClass clang_Cursor_getStorageClass(CXCursor cursor);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_isCursorDefinition(CXCursor cursor);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_Cursor_isVariadic(CXCursor C);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getTypedefDeclUnderlyingType(CXCursor C);

    // ---- Source locations and files (CXSourceLocation.h, CXFile.h) ----
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial void clang_getSpellingLocation(CXSourceLocation location, CXFile* file, uint* line, uint* column, uint* offset);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial int clang_Location_isFromMainFile(CXSourceLocation location);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXString clang_getFileName(CXFile SFile);

    // ---- Types (Index.h) ----
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXString clang_getTypeSpelling(CXType CT);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXString clang_getTypedefName(CXType CT);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getCanonicalType(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getPointeeType(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_isConstQualifiedType(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getResultType(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial int clang_getNumArgTypes(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getArgType(CXType T, uint i);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial uint clang_isFunctionTypeVariadic(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial long clang_Type_getSizeOf(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXCursor clang_getTypeDeclaration(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial CXType clang_getArrayElementType(CXType T);
    [LibraryImport(NativeLibraryResolver.ClangLibraryName)] public static partial long clang_getArraySize(CXType T);
}
