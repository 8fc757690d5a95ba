using Enzyme.Engine.Bindings;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Tests.Bindings;

public sealed class RustSignatureReaderTests
{
    private const string Source = """
        //! A crate root. /* not a comment start: this line is a comment */
        use std::ffi::c_void;
        use std::os::raw::{c_int, c_double};

        extern "C" {
            // Imports: declared here, not exported by the library.
            fn __enzyme_autodiff(f: *const c_void, ...);
            fn helper(x: f64) -> f64;
        }

        /* a block comment with a fake item:
           #[no_mangle] pub extern "C" fn commented_out(x: f64) -> f64 { x }
           /* nested */ still inside */

        /// Energy of a chain.
        #[no_mangle]
        pub extern "C" fn energy(x: *const f64, dx: *mut f64, n: usize, k: f64) -> f64 {
            let label = "pub extern \"C\" fn in_a_string(a: f64) {";
            let c = '{';
            0.0
        }

        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn counts<'a>(flags: &'a [u8; 4], out: &mut i64, m: isize, t: bool,
                                             mut seed: u32, _: i32) {
        }

        #[export_name = "renamed_entry"]
        pub extern "C" fn internal_name(f: extern "C" fn(f64) -> f64, state: *mut State, v: c_int, w: c_double) -> f32 {
            0.0
        }

        #[no_mangle]
        pub extern "C" fn takes_slice(x: &[f64]) -> f64 { x[0] }

        pub extern "C" fn mangled(x: f64) -> f64 { x }

        #[no_mangle]
        fn not_extern(x: f64) -> f64 { x }

        #[repr(C)]
        pub struct State { a: f64 }
        """;

    private static IReadOnlyList<CFunctionDeclaration> Read() => RustSignatureReader.Read(Source, "lib.rs");

    [Test]
    public void ExportedExternCFunctionsBecomeCDeclarations()
    {
        IReadOnlyList<CFunctionDeclaration> functions = Read();

        Assert.That(functions.Select(f => f.Name), Is.EqualTo(new[] { "energy", "counts", "renamed_entry", "takes_slice" }),
            "#[no_mangle] or #[export_name] extern \"C\" functions with bodies; imports, comments, strings and mangled functions are not exports");
        Assert.Multiple(() =>
        {
            Assert.That(functions[0].ToString(), Is.EqualTo("double energy(const double * x, double * dx, size_t n, double k)"));
            Assert.That(functions[0].Line, Is.EqualTo(17));
            Assert.That(functions[0].Parameters[0].Type.Pointee!.IsConst, Is.True, "*const T is a pointer to const");
            Assert.That(functions[1].ToString(), Is.EqualTo("void counts(const uint8_t * flags, int64_t * out, ptrdiff_t m, bool t, uint32_t seed, int32_t arg5)"),
                "a reference to an array is the address of its first element; &mut i64 a pointer to int64_t");
            Assert.That(functions[1].Line, Is.EqualTo(24));
            Assert.That(functions[2].ToString(), Is.EqualTo("float renamed_entry(void (*)(void) f, void * state, int v, double w)"));
            Assert.That(functions[2].Parameters[0].Type.Kind, Is.EqualTo(CTypeKind.FunctionPointer));
            Assert.That(functions[3].Parameters[0].Type.Kind, Is.EqualTo(CTypeKind.Other), "a slice reference is a fat pointer: no C type");
        });
    }

    [TestCase("usize", CTypeKind.UInt64, "size_t")]
    [TestCase("isize", CTypeKind.Int64, "ptrdiff_t")]
    [TestCase("i32", CTypeKind.Int32, "int32_t")]
    [TestCase("u32", CTypeKind.UInt32, "uint32_t")]
    [TestCase("i64", CTypeKind.Int64, "int64_t")]
    [TestCase("u8", CTypeKind.UInt8, "uint8_t")]
    [TestCase("f32", CTypeKind.Float, "float")]
    [TestCase("f64", CTypeKind.Double, "double")]
    [TestCase("bool", CTypeKind.Bool, "bool")]
    [TestCase("std::os::raw::c_int", CTypeKind.Int32, "int")]
    [TestCase("core::ffi::c_double", CTypeKind.Double, "double")]
    [TestCase("()", CTypeKind.Void, "void")]
    [TestCase("*const f64", CTypeKind.Pointer, "const double *")]
    [TestCase("*mut  f32", CTypeKind.Pointer, "float *")]
    [TestCase("&f64", CTypeKind.Pointer, "const double *")]
    [TestCase("&'a mut f64", CTypeKind.Pointer, "double *")]
    [TestCase("*mut *mut f64", CTypeKind.Pointer, "double * *")]
    [TestCase("*mut std::ffi::c_void", CTypeKind.Pointer, "void *")]
    [TestCase("*const [f64; 3]", CTypeKind.Pointer, "const double *")]
    [TestCase("&[f64]", CTypeKind.Other, "&[f64]")]
    [TestCase("*const str", CTypeKind.Other, "*const str")]
    [TestCase("Option<f64>", CTypeKind.Other, "Option<f64>")]
    [TestCase("Vec<f64>", CTypeKind.Other, "Vec<f64>")]
    public void TypesMapAsTheCAbiPassesThem(string rust, CTypeKind kind, string spelling)
    {
        CTypeDescription type = RustSignatureReader.DescribeType(rust);
        Assert.That((type.Kind, type.Spelling), Is.EqualTo((kind, spelling)));
    }

    [Test]
    public void ModuleFilesAreReadWithTheCrateRoot()
    {
        using var directory = new TemporaryDirectory();
        string root = directory.Write("lib.rs", "mod physics;\n#[path = \"extra/more.rs\"]\nmod more;\n#[no_mangle]\npub extern \"C\" fn top(x: f64) -> f64 { x }\n");
        Directory.CreateDirectory(directory.File("physics"));
        directory.Write("physics/mod.rs", "pub mod springs;\n");
        directory.Write("physics/springs.rs", "#[no_mangle]\npub extern \"C\" fn spring(x: *const f64) -> f64 { 0.0 }\n");
        Directory.CreateDirectory(directory.File("extra"));
        directory.Write("extra/more.rs", "\n\n#[no_mangle]\npub extern \"C\" fn more(n: usize) {}\n");

        IReadOnlyList<CFunctionDeclaration> functions = RustSignatureReader.ReadFunctions(root);

        Assert.That(functions.Select(f => $"{f.Name}@{Path.GetFileName(f.File)}:{f.Line}"),
            Is.EquivalentTo(new[] { "top@lib.rs:5", "spring@springs.rs:2", "more@more.rs:4" }));
    }

    [Test]
    public void RustSourcesGetBindingsWithSpanOverloads()
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("lib.rs", Source);
        string output = directory.File("Springs.g.cs");
        BindingsGenerator.Run(new BindingsOptions
        {
            Sources = [source],
            Output = output,
            Library = "springs",
            Namespace = "Demo.Native",
            Class = "Springs",
            Gradients = [GradientSpecification.Parse("energy_grad=energy:Reverse:dup,const,const,const")],
        });
        string code = File.ReadAllText(output);

        Assert.Multiple(() =>
        {
            Assert.That(code, Does.Contain("public static partial double energy(double* x, double* dx, nuint n, double k);"));
            Assert.That(code, Does.Contain("public static double energy(ReadOnlySpan<double> x, Span<double> dx, nuint n, double k)"));
            Assert.That(code, Does.Contain("public static partial void counts(byte* flags, long* @out, nint m, byte t, uint seed, int arg5);"));
            Assert.That(code, Does.Contain("[LibraryImport(LibraryName, EntryPoint = \"renamed_entry\")]"));
            Assert.That(code, Does.Contain("public static partial float renamed_entry(nint f, void* state, int v, double w);"));
            Assert.That(code, Does.Contain("takes_slice").And.Contain("is not bound"));
            Assert.That(code, Does.Contain("public static partial void energy_grad(double* x, double* d_x, double* dx, nuint n, double k);"),
                "a gradient of a Rust function is declared from its signature");
            Assert.That(code, Does.Not.Contain("__enzyme_autodiff").And.Not.Contain("helper").And.Not.Contain("mangled"));
        });
    }
}
