using System.Reflection;
using System.Runtime.InteropServices;
using Enzyme.Llvm.Clang;
using Enzyme.Llvm.Interop.Clang;
using Enzyme.Llvm.Toolchain;
// Inside Enzyme.Engine.Tests.Clang the bare name `Clang` is this namespace, so the raw class gets an alias.
using LibClang = Enzyme.Llvm.Interop.Clang.Clang;

namespace Enzyme.Engine.Tests.Clang;

/// <summary>
/// The libclang bindings end to end: raw entry points and struct layouts, the thin cursor layer,
/// and the C declaration model the bindings generator reads. Runs against the installed libclang 22.
/// </summary>
[TestFixture]
public sealed unsafe class CDeclarationReaderTests
{
    // Line numbers matter: the assertions below name them.
    private const string Snippet = """
        #include <stddef.h>

        double rosen(const double *x, int n);
        void grad(const double* x, double* dx, size_t n);
        static int hidden(void);
        struct P { double a; int b; };
        double use_struct(struct P p, struct P *pp);
        int printf_like(const char* fmt, ...);
        typedef double real;
        real r(real);
        """;

    private static IReadOnlyList<CFunctionDeclaration> ReadSnippet() =>
        new CDeclarationReader().ReadFunctions("snippet.c", Snippet, ["-std=c11"]);

    private static CFunctionDeclaration Single(IReadOnlyList<CFunctionDeclaration> functions, string name) =>
        functions.Single(function => function.Name == name);

    [Test]
    public void ReadFunctions_ReturnsExternalFunctionsOfTheMainFileInSourceOrder()
    {
        IReadOnlyList<CFunctionDeclaration> functions = ReadSnippet();

        // `hidden` is static; stddef.h declares no functions, but nothing from it may leak in either.
        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "rosen", "grad", "use_struct", "printf_like", "r" }));
        Assert.That(functions.Select(function => function.Line), Is.EqualTo(new[] { 3, 4, 7, 8, 10 }));
        Assert.That(functions.Select(function => function.File), Is.All.EqualTo("snippet.c"));
    }

    [Test]
    public void ReadFunctions_DescribesPointerParametersWithConstPointees()
    {
        CFunctionDeclaration rosen = Single(ReadSnippet(), "rosen");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rosen.ReturnType.Kind, Is.EqualTo(CTypeKind.Double));
            Assert.That(rosen.ReturnType.SizeInBytes, Is.EqualTo(8));
            Assert.That(rosen.IsVariadic, Is.False);
            Assert.That(rosen.Parameters.Select(parameter => parameter.Name), Is.EqualTo(new[] { "x", "n" }));

            CTypeDescription x = rosen.Parameters[0].Type;
            Assert.That(x.Kind, Is.EqualTo(CTypeKind.Pointer));
            Assert.That(x.Spelling, Is.EqualTo("const double *"));
            Assert.That(x.IsConst, Is.False, "the pointer itself is not const");
            Assert.That(x.SizeInBytes, Is.EqualTo(8));
            Assert.That(x.Pointee, Is.Not.Null);
            Assert.That(x.Pointee!.Kind, Is.EqualTo(CTypeKind.Double));
            Assert.That(x.Pointee.IsConst, Is.True);
            Assert.That(x.Pointee.Pointee, Is.Null);

            CTypeDescription n = rosen.Parameters[1].Type;
            Assert.That(n.Kind, Is.EqualTo(CTypeKind.Int32));
            Assert.That(n.Spelling, Is.EqualTo("int"));
            Assert.That(n.Pointee, Is.Null);
        }
    }

    [Test]
    public void ReadFunctions_ResolvesSizeTThroughTheCanonicalTypeButKeepsItsSpelling()
    {
        CFunctionDeclaration grad = Single(ReadSnippet(), "grad");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(grad.ReturnType.Kind, Is.EqualTo(CTypeKind.Void));
            Assert.That(grad.ReturnType.SizeInBytes, Is.Null, "void has no size");
            Assert.That(grad.Parameters.Select(parameter => parameter.Name), Is.EqualTo(new[] { "x", "dx", "n" }));
            Assert.That(grad.Parameters[0].Type.Pointee!.IsConst, Is.True);
            Assert.That(grad.Parameters[1].Type.Kind, Is.EqualTo(CTypeKind.Pointer));
            Assert.That(grad.Parameters[1].Type.Pointee!.Kind, Is.EqualTo(CTypeKind.Double));
            Assert.That(grad.Parameters[1].Type.Pointee!.IsConst, Is.False);

            CTypeDescription n = grad.Parameters[2].Type;
            Assert.That(n.Spelling, Is.EqualTo("size_t"));
            Assert.That(n.Kind, Is.EqualTo(CTypeKind.UInt64));
            Assert.That(n.SizeInBytes, Is.EqualTo(8));
        }
    }

    [Test]
    public void ReadFunctions_DescribesStructsByValueAndByPointer()
    {
        CFunctionDeclaration useStruct = Single(ReadSnippet(), "use_struct");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(useStruct.Parameters.Select(parameter => parameter.Name), Is.EqualTo(new[] { "p", "pp" }));
            CTypeDescription p = useStruct.Parameters[0].Type;
            Assert.That(p.Kind, Is.EqualTo(CTypeKind.Struct));
            Assert.That(p.Spelling, Is.EqualTo("struct P"));
            Assert.That(p.SizeInBytes, Is.EqualTo(16), "double + int, padded to 8");

            CTypeDescription pp = useStruct.Parameters[1].Type;
            Assert.That(pp.Kind, Is.EqualTo(CTypeKind.Pointer));
            Assert.That(pp.Pointee!.Kind, Is.EqualTo(CTypeKind.Struct));
            Assert.That(pp.Pointee.Spelling, Is.EqualTo("struct P"));
        }
    }

    [Test]
    public void ReadFunctions_FlagsVariadicFunctions()
    {
        CFunctionDeclaration printfLike = Single(ReadSnippet(), "printf_like");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(printfLike.IsVariadic, Is.True);
            Assert.That(printfLike.ReturnType.Kind, Is.EqualTo(CTypeKind.Int32));
            Assert.That(printfLike.Parameters, Has.Count.EqualTo(1));
            Assert.That(printfLike.Parameters[0].Name, Is.EqualTo("fmt"));
            CTypeDescription fmt = printfLike.Parameters[0].Type;
            Assert.That(fmt.Kind, Is.EqualTo(CTypeKind.Pointer));
            // Plain char is signed on x86-64 and unsigned on AArch64; either way it is one byte and const.
            Assert.That(fmt.Pointee!.Kind, Is.AnyOf(CTypeKind.Int8, CTypeKind.UInt8));
            Assert.That(fmt.Pointee.IsConst, Is.True);
        }
    }

    [Test]
    public void ReadFunctions_ResolvesTypedefsAndKeepsUnnamedParameters()
    {
        CFunctionDeclaration r = Single(ReadSnippet(), "r");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.ReturnType.Spelling, Is.EqualTo("real"));
            Assert.That(r.ReturnType.Kind, Is.EqualTo(CTypeKind.Double));
            Assert.That(r.Parameters, Has.Count.EqualTo(1));
            Assert.That(r.Parameters[0].Name, Is.Empty);
            Assert.That(r.Parameters[0].Type.Spelling, Is.EqualTo("real"));
            Assert.That(r.Parameters[0].Type.Kind, Is.EqualTo(CTypeKind.Double));
        }
    }

    [Test]
    public void ReadFunctions_FromDisk_SkipsIncludedHeadersAndReportsARedeclaredFunctionOnce()
    {
        string directory = Directory.CreateTempSubdirectory("enzyme-clang-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "helper.h"), "int from_header(int value);\n");
            string mainPath = Path.Combine(directory, "main.c");
            File.WriteAllText(mainPath, """
                #include "helper.h"
                int from_main(int a);
                int from_main(int a) { return from_header(a) + 1; }
                static int internal_only(int a) { return a; }
                float other(enum { RED, GREEN } colour, void (*callback)(int));
                """);

            IReadOnlyList<CFunctionDeclaration> functions = new CDeclarationReader().ReadFunctions(mainPath, []);

            Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "from_main", "other" }));
            CFunctionDeclaration fromMain = functions[0];
            CFunctionDeclaration other = functions[1];
            using (Assert.EnterMultipleScope())
            {
                Assert.That(fromMain.Line, Is.EqualTo(2), "the first declaration, not the definition");
                Assert.That(fromMain.File, Is.EqualTo(mainPath));
                Assert.That(other.ReturnType.Kind, Is.EqualTo(CTypeKind.Float));
                Assert.That(other.Parameters[0].Type.Kind, Is.EqualTo(CTypeKind.Enum));
                Assert.That(other.Parameters[1].Type.Kind, Is.EqualTo(CTypeKind.FunctionPointer));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void ReadFunctions_OfAHeader_ParsesItAsC()
    {
        IReadOnlyList<CFunctionDeclaration> functions = new CDeclarationReader().ReadFunctions(
            "api.h", "#pragma once\nunsigned long long checksum(const unsigned char *data, unsigned int length);\n", []);

        Assert.That(functions, Has.Count.EqualTo(1));
        CFunctionDeclaration checksum = functions[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(checksum.ToString(), Is.EqualTo("unsigned long long checksum(const unsigned char * data, unsigned int length)"));
            Assert.That(checksum.ReturnType.Kind, Is.EqualTo(CTypeKind.UInt64));
            Assert.That(checksum.Parameters[0].Type.Pointee!.Kind, Is.EqualTo(CTypeKind.UInt8));
            Assert.That(checksum.Parameters[1].Type.Kind, Is.EqualTo(CTypeKind.UInt32));
            Assert.That(checksum.Line, Is.EqualTo(2));
        }
    }

    [Test]
    public void ReadFunctions_OfCxx_ReadsTheExternCFunctions_InBlocksAndSingleDeclarations()
    {
        const string cxx = """
            template <typename T> static T twice(T x) { return x + x; }
            extern "C" double single(const double *x, int n) { return twice(x[0]) * n; }
            extern "C" {
            int in_block(int a);
            static int hidden_in_block(int a) { return a; }
            }
            """;

        IReadOnlyList<CFunctionDeclaration> functions = new CDeclarationReader().ReadFunctions("exports.cpp", cxx, ["-std=c++17"]);

        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "single", "in_block" }));
        Assert.That(Single(functions, "single").Parameters.Select(parameter => parameter.Type.Kind), Is.EqualTo(new[] { CTypeKind.Pointer, CTypeKind.Int32 }));
    }

    [Test]
    public void ReadFunctions_WithASyntaxError_ThrowsWithClangsDiagnosticAndLine()
    {
        const string broken = """
            int fine(int a);
            double broken(int x;
            int after(void);
            """;

        ClangParseException? exception = Assert.Throws<ClangParseException>(
            () => new CDeclarationReader().ReadFunctions("broken.c", broken, []));

        Assert.That(exception, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.ErrorCode, Is.EqualTo(CXErrorCode.CXError_Success), "libclang parsed; the code has errors");
            Assert.That(exception.FileName, Is.EqualTo("broken.c"));
            Assert.That(exception.Diagnostics, Is.Not.Empty);
            Assert.That(exception.Diagnostics.Select(diagnostic => diagnostic.IsError), Is.All.True);
            Assert.That(exception.Message, Does.Contain("broken.c:2:"));
            Assert.That(exception.Message, Does.Contain("error: expected ')'"));
            foreach (ClangDiagnostic diagnostic in exception.Diagnostics)
            {
                Assert.That(exception.Message, Does.Contain(diagnostic.Text));
            }
        }
    }

    [Test]
    public void Parse_OfAMissingFile_ThrowsWithLibclangsErrorCode()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"enzyme-missing-{Guid.NewGuid():N}.c");

        using var index = new ClangIndex();
        ClangParseException? exception = Assert.Throws<ClangParseException>(
            () => ClangTranslationUnit.Parse(index, missing, []).Dispose());

        Assert.That(exception!.ErrorCode, Is.Not.EqualTo(CXErrorCode.CXError_Success));
        Assert.That(exception.Message, Does.Contain(missing));
    }

    [Test]
    public void Cursor_VisitsTopLevelDeclarationsAndTheirParts()
    {
        const string source = """
            struct S { int a; double b; };
            typedef struct S S_t;
            enum E { A, B };
            int counter;
            int f(int x);
            int f(int x) { return x + counter; }
            """;

        using var index = new ClangIndex();
        using ClangTranslationUnit unit = ClangTranslationUnit.ParseSource(index, "cursors.c", source, []);

        Assert.That(unit.Diagnostics, Is.Empty);
        ClangCursor root = unit.Cursor;
        // The unit also has builtin typedefs (__int128_t, ...) that live in no file.
        List<ClangCursor> topLevel = root.Children.Where(cursor => cursor.IsFromMainFile).ToList();
        Dictionary<CXCursorKind, int> kindCounts = topLevel.GroupBy(cursor => cursor.Kind).ToDictionary(group => group.Key, group => group.Count());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.Kind, Is.EqualTo(CXCursorKind.CXCursor_TranslationUnit));
            Assert.That(kindCounts, Is.EquivalentTo(new Dictionary<CXCursorKind, int>
            {
                [CXCursorKind.CXCursor_StructDecl] = 1,
                [CXCursorKind.CXCursor_TypedefDecl] = 1,
                [CXCursorKind.CXCursor_EnumDecl] = 1,
                [CXCursorKind.CXCursor_VarDecl] = 1,
                [CXCursorKind.CXCursor_FunctionDecl] = 2,
            }));

            ClangCursor structDecl = topLevel[0];
            Assert.That(structDecl.Spelling, Is.EqualTo("S"));
            Assert.That(structDecl.IsDefinition, Is.True);
            Assert.That(structDecl.Children.Select(field => (field.Kind, field.Spelling)), Is.EqualTo(new[]
            {
                (CXCursorKind.CXCursor_FieldDecl, "a"),
                (CXCursorKind.CXCursor_FieldDecl, "b"),
            }));
            Assert.That(structDecl.Type.SizeOf, Is.EqualTo(16));

            ClangCursor typedefDecl = topLevel[1];
            Assert.That(typedefDecl.TypedefUnderlyingType.Spelling, Is.EqualTo("struct S"));
            Assert.That(typedefDecl.Type.TypedefName, Is.EqualTo("S_t"));
            Assert.That(typedefDecl.Type.Canonical.Declaration.Spelling, Is.EqualTo("S"));

            ClangCursor enumDecl = topLevel[2];
            Assert.That(enumDecl.Children.Select(constant => constant.Spelling), Is.EqualTo(new[] { "A", "B" }));

            ClangCursor prototype = topLevel[4];
            ClangCursor definition = topLevel[5];
            Assert.That(prototype.IsDefinition, Is.False);
            Assert.That(definition.IsDefinition, Is.True);
            Assert.That(definition.Location, Is.EqualTo(new ClangSourceLocation("cursors.c", 6, 5)));
            Assert.That(definition.Linkage, Is.EqualTo(CXLinkageKind.CXLinkage_External));
            Assert.That(definition.StorageClass, Is.EqualTo(CX_StorageClass.CX_SC_None));
            Assert.That(definition.ResultType.Kind, Is.EqualTo(CXTypeKind.CXType_Int));
            Assert.That(definition.Arguments.Select(argument => argument.Spelling), Is.EqualTo(new[] { "x" }));
            Assert.That(definition.Type.Kind, Is.EqualTo(CXTypeKind.CXType_FunctionProto));
            Assert.That(definition.Type.ArgumentTypes.Select(type => type.Kind), Is.EqualTo(new[] { CXTypeKind.CXType_Int }));
            Assert.That(definition.Children.Select(child => child.Kind), Is.EqualTo(new[]
            {
                CXCursorKind.CXCursor_ParmDecl,
                CXCursorKind.CXCursor_CompoundStmt,
            }));
        }
    }

    [Test]
    public void Type_ExposesArraysAndFunctionPointerTypes()
    {
        const string source = """
            static const double table[4] = { 1, 2, 3, 4 };
            typedef int (*callback_t)(double, ...);
            callback_t handler;
            """;

        using var index = new ClangIndex();
        using ClangTranslationUnit unit = ClangTranslationUnit.ParseSource(index, "types.c", source, []);
        List<ClangCursor> topLevel = unit.Cursor.Children.Where(cursor => cursor.IsFromMainFile).ToList();

        ClangType table = topLevel[0].Type;
        ClangType handler = topLevel[2].Type;
        ClangType function = handler.Canonical.Pointee;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(topLevel[0].StorageClass, Is.EqualTo(CX_StorageClass.CX_SC_Static));
            Assert.That(topLevel[0].Linkage, Is.EqualTo(CXLinkageKind.CXLinkage_Internal));
            Assert.That(table.Kind, Is.EqualTo(CXTypeKind.CXType_ConstantArray));
            Assert.That(table.ArraySize, Is.EqualTo(4));
            Assert.That(table.ElementType.Kind, Is.EqualTo(CXTypeKind.CXType_Double));
            Assert.That(table.ElementType.IsConstQualified, Is.True);
            Assert.That(table.SizeOf, Is.EqualTo(32));

            Assert.That(handler.Kind, Is.EqualTo(CXTypeKind.CXType_Typedef));
            Assert.That(handler.Pointee.Kind, Is.EqualTo(CXTypeKind.CXType_Invalid), "typedef sugar hides the pointee");
            Assert.That(handler.Canonical.Kind, Is.EqualTo(CXTypeKind.CXType_Pointer));
            Assert.That(function.Kind, Is.EqualTo(CXTypeKind.CXType_FunctionProto));
            Assert.That(function.IsVariadic, Is.True);
            Assert.That(function.ResultType.Kind, Is.EqualTo(CXTypeKind.CXType_Int));
            Assert.That(function.ArgumentTypes.Select(type => type.Spelling), Is.EqualTo(new[] { "double" }));
        }
    }

    [Test]
    public void TranslationUnit_StaysUsableAfterItsIndexIsDisposed()
    {
        var index = new ClangIndex();
        using ClangTranslationUnit unit = ClangTranslationUnit.ParseSource(index, "late.c", "int late(void);", []);

        index.Dispose();

        Assert.That(unit.Cursor.Children.Where(cursor => cursor.IsFromMainFile).Select(cursor => cursor.Spelling), Is.EqualTo(new[] { "late" }));
        Assert.Throws<ObjectDisposedException>(() => ClangTranslationUnit.ParseSource(index, "again.c", "int again(void);", []));
    }

    [Test]
    public void Diagnostics_IncludeWarningsWithoutFailingTheParse()
    {
        using var index = new ClangIndex();
        using ClangTranslationUnit unit = ClangTranslationUnit.ParseSource(index, "warn.c", "int f(void) { int unused = 1 / 0; return 0; }", ["-Wall"]);

        Assert.That(unit.HasErrors, Is.False);
        Assert.That(unit.Diagnostics, Has.Some.Matches<ClangDiagnostic>(diagnostic =>
            diagnostic.Severity == CXDiagnosticSeverity.CXDiagnostic_Warning && diagnostic.Text.StartsWith("warn.c:1:", StringComparison.Ordinal)));
        Assert.DoesNotThrow(unit.ThrowIfErrors);
    }

    [Test]
    public void ClangVersion_IsTwentyTwo()
    {
        CXString version = LibClang.clang_getClangVersion();
        string text;
        try
        {
            text = Marshal.PtrToStringUTF8((nint)LibClang.clang_getCString(version)) ?? string.Empty;
        }
        finally
        {
            LibClang.clang_disposeString(version);
        }

        Assert.That(text, Does.Match(@"clang version 22\.\d+\.\d+"));
    }

    [Test]
    public void RawStructs_HaveTheCLayout()
    {
        // Sizes on a 64-bit target, where every pointer is 8 bytes and `unsigned long` is 8 bytes (LP64).
        Assume.That(nint.Size, Is.EqualTo(8));
        Assume.That(OperatingSystem.IsWindows(), Is.False, "unsigned long is 4 bytes on Windows");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizeof(CXCursor), Is.EqualTo(32));
            Assert.That(sizeof(CXType), Is.EqualTo(24));
            Assert.That(sizeof(CXString), Is.EqualTo(16));
            Assert.That(sizeof(CXSourceLocation), Is.EqualTo(24));
            Assert.That(sizeof(CXUnsavedFile), Is.EqualTo(24));
            Assert.That(sizeof(CXIndex), Is.EqualTo(8));
        }
    }

    [Test]
    public void EveryRawEntryPoint_IsExportedByLibclang()
    {
        string[] entryPoints = typeof(LibClang)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(method => (Method: method, Import: method.GetCustomAttribute<LibraryImportAttribute>()))
            .Where(pair => pair.Import is not null)
            .Select(pair => pair.Import!.EntryPoint ?? pair.Method.Name)
            .ToArray();

        nint library = NativeLibrary.Load(LlvmToolchain.Current.LibClangPath);
        try
        {
            string[] missing = entryPoints.Where(name => !NativeLibrary.TryGetExport(library, name, out _)).ToArray();

            Assert.That(entryPoints, Has.Length.GreaterThanOrEqualTo(43));
            Assert.That(entryPoints, Does.Contain("clang_parseTranslationUnit2").And.Contain("clang_visitChildren"));
            Assert.That(missing, Is.Empty);
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }
}
