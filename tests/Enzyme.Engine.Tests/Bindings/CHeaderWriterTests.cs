using Enzyme.Engine.Bindings;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Bindings;

public sealed class CHeaderWriterTests
{
    private const string Source = """
        #include <stddef.h>
        #include <stdint.h>
        typedef double real;
        struct params { double k; };
        extern int enzyme_dup, enzyme_const;
        void __enzyme_autodiff(void*, ...);
        double rosen(const double* x, int n) { return x[0] * n; }
        void rosen_grad(const double* x, double* dx, int n) { __enzyme_autodiff((void*)rosen, enzyme_dup, x, dx, enzyme_const, n); }
        static int hidden(void) { return 1; }
        size_t count(const float* v, size_t n, _Bool flag) { return n + flag + (size_t)v[0]; }
        real scaled(const real* x, const struct params* p, double** rows, int64_t k) { return x[0] * p->k * rows[0][0] * (double)k; }
        double by_value(struct params p) { return p.k; }
        double product(double a, double b) { return a * b; }
        """;

    private static string Generate(TemporaryDirectory directory, string source, params GradientSpecification[] gradients)
    {
        string path = directory.Write("native.c", source);
        string header = directory.File("native.h");
        BindingsGenerator.Run(new BindingsOptions
        {
            Sources = [path],
            Library = "native",
            CHeaderOutput = header,
            Gradients = gradients,
        });
        return File.ReadAllText(header);
    }

    [Test]
    public void ExportedFunctionsAndGradientsGetPrototypesWithConstAndStandardTypes()
    {
        using var directory = new TemporaryDirectory();
        string header = Generate(directory, Source,
            GradientSpecification.Parse("rosen_adjoint=rosen:reverse:dup,const"),
            GradientSpecification.Parse("product_grad=product:reverse:out,out"));

        Assert.That(header, Does.Contain("double rosen(const double *x, int n);"));
        Assert.That(header, Does.Contain("void rosen_adjoint(const double *x, double *d_x, int n);"), "the shadow of a const pointer is writable");
        Assert.That(header, Does.Contain("size_t count(const float *v, size_t n, bool flag);"));
        Assert.That(header, Does.Contain("double scaled(const double *x, const struct params *p, double **rows, int64_t k);"), "typedefs of numbers resolve, struct tags stay");
        Assert.That(header, Does.Contain("struct params;"), "a struct behind a pointer is forward-declared");
        Assert.That(header, Does.Contain("#include <stddef.h>").And.Contain("#include <stdint.h>").And.Contain("#include <stdbool.h>"));
        Assert.That(header, Does.Contain("extern \"C\" {"));
        Assert.That(header, Does.Not.Contain("hidden"), "static functions are not exported");
        Assert.That(header, Does.Not.Contain("__enzyme_autodiff"), "the Enzyme API is not part of the library");
        Assert.That(header, Does.Contain("double by_value(struct params p)").And.Contain("is not declared here"), "a struct by value needs its definition");
        Assert.That(header, Does.Contain("product_grad(double a, double b)").And.Contain("is not declared here"), "two adjoints come back as an LLVM struct, not a C one");
    }

    [Test]
    public void PrototypesAgreeWithTheDefinitions_InCAndCxx()
    {
        using var directory = new TemporaryDirectory();
        Generate(directory, Source, GradientSpecification.Parse("rosen_adjoint=rosen:reverse:dup,const"));
        // The header first, then the definitions: clang rejects any prototype whose types conflict.
        string both = directory.Write("both.c", "#include \"native.h\"\n" + Source);
        foreach (string[] language in new[] { new[] { "-x", "c", "-std=c11" }, new[] { "-x", "c++", "-std=c++17" } })
        {
            string input = language[1] == "c" ? both : directory.File("native.h");
            ProcessResult result = ProcessRunner.Run(ClangCompiler.ClangPath, ["-fsyntax-only", "-Wall", "-Werror", "-Wno-unused-function", .. language, input]);
            Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        }
    }

    [Test]
    public void AStructNamedOnlyByATypedefIsPassedAsAVoidPointerWithANote()
    {
        using var directory = new TemporaryDirectory();
        string header = Generate(directory, "typedef struct { double k; } params_t;\ndouble stiffness(const params_t* p) { return p->k; }\n");

        Assert.That(header, Does.Contain("double stiffness(const void *p);"));
        Assert.That(header, Does.Contain("'params_t'"), "the note names the type that was replaced");
    }

    [Test]
    public void TheCommandLineWritesOnlyTheHeaderWhenAskedOnlyForIt()
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("native.c", Source);
        string header = directory.File("Only.h");
        EnzymeAdRun ok = EnzymeAdRun.Invoke("bindings", "--c-header", header, "--library", "native", source);
        EnzymeAdRun neither = EnzymeAdRun.Invoke("bindings", "--library", "native", source);

        Assert.That(ok.ExitCode, Is.Zero, ok.StandardError);
        Assert.That(File.ReadAllText(header), Does.Contain("void rosen_grad(const double *x, double *dx, int n);"));
        Assert.That(neither.ExitCode, Is.Not.Zero);
        Assert.That(neither.StandardError, Does.Contain("--c-header"));
    }
}
