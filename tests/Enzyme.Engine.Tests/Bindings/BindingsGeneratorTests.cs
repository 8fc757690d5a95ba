using Enzyme.Engine.Bindings;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Bindings;

public sealed class BindingsGeneratorTests
{
    private const string Source = """
        #include <stddef.h>
        extern int enzyme_dup, enzyme_const;
        void __enzyme_autodiff(void*, ...);
        double rosen(const double* x, int n) { return x[0] * n; }
        void rosen_grad(const double* x, double* dx, int n) { __enzyme_autodiff((void*)rosen, enzyme_dup, x, dx, enzyme_const, n); }
        static int hidden(void) { return 1; }
        size_t count(const float* v, size_t n, _Bool flag) { return n + flag + (size_t)v[0]; }
        struct P { double a, b; };
        double by_value(struct P p) { return p.a; }
        double in(double out) { return out; }
        """;

    private static string Generate(TemporaryDirectory directory, params GradientSpecification[] gradients)
    {
        string source = directory.Write("native.c", Source);
        string output = directory.File("Native.g.cs");
        BindingsGenerator.Run(new BindingsOptions
        {
            Sources = [source],
            Output = output,
            Library = "native",
            Namespace = "Demo.Native",
            Class = "NativeMethods",
            Gradients = gradients,
        });
        return File.ReadAllText(output);
    }

    [Test]
    public void ExportedFunctionsGetLibraryImportsWithBlittableTypes()
    {
        using var directory = new TemporaryDirectory();
        string code = Generate(directory);

        Assert.That(code, Does.Contain("namespace Demo.Native;"));
        Assert.That(code, Does.Contain("public static unsafe partial class NativeMethods"));
        Assert.That(code, Does.Contain("public const string LibraryName = \"native\";"));
        Assert.That(code, Does.Contain("[LibraryImport(LibraryName, EntryPoint = \"rosen\")]"));
        Assert.That(code, Does.Contain("public static partial double rosen(double* x, int n);"));
        Assert.That(code, Does.Contain("public static partial nuint count(float* v, nuint n, byte flag);"));
        Assert.That(code, Does.Not.Contain("hidden"), "static functions are not exported");
        Assert.That(code, Does.Not.Contain("EntryPoint = \"__enzyme_autodiff\""), "the Enzyme API is not part of the library");
        Assert.That(code, Does.Contain("by_value").And.Contain("is not bound"), "a struct by value is reported, not bound");
        Assert.That(code, Does.Contain("public static partial double @in(double @out);"), "C# keywords are escaped");
    }

    [Test]
    public void PortableCLong_BindsCLongAsCLong_AndKeepsFixedWidthTypes()
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("longs.c", """
            #include <stdint.h>
            long count_above(const long *values, long n, long threshold) { long c = 0; for (long i = 0; i < n; i++) c += values[i] > threshold; return c; }
            unsigned long int mask(unsigned long bits, int64_t wide) { return bits ^ (unsigned long)wide; }
            """);
        string Bind(bool portable)
        {
            string output = directory.File(portable ? "Portable.g.cs" : "Linux.g.cs");
            BindingsGenerator.Run(new BindingsOptions
            {
                Sources = [source], Output = output, Library = "longs", Namespace = "Demo", Class = "Longs", PortableCLong = portable,
            });
            return File.ReadAllText(output);
        }

        string portable = Bind(portable: true);
        string linux = Bind(portable: false);

        Assert.Multiple(() =>
        {
            Assert.That(portable, Does.Contain("public static partial CLong count_above(CLong* values, CLong n, CLong threshold);"));
            Assert.That(portable, Does.Contain("public static CLong count_above(ReadOnlySpan<CLong> values, CLong n, CLong threshold)"));
            Assert.That(portable, Does.Contain("public static partial CULong mask(CULong bits, long wide);"), "int64_t stays 64 bits");
            Assert.That(linux, Does.Contain("public static partial long count_above(long* values, long n, long threshold);"), "without the option, Linux's width");
        });
    }

    [Test]
    public void PointerParametersGetSpanOverloads()
    {
        using var directory = new TemporaryDirectory();
        string code = Generate(directory);

        Assert.That(code, Does.Contain("public static double rosen(ReadOnlySpan<double> x, int n)"));
        Assert.That(code, Does.Contain("public static void rosen_grad(ReadOnlySpan<double> x, Span<double> dx, int n)"));
        Assert.That(code, Does.Contain("fixed (double* dxPointer = dx)"));
    }

    [Test]
    public void RequestedGradientsAreBoundWithShadowParameters()
    {
        using var directory = new TemporaryDirectory();
        string code = Generate(directory,
            GradientSpecification.Parse("rosen_adjoint=rosen:reverse:dup,const"),
            GradientSpecification.Parse("rosen_tangent=rosen:forward:dup,const"));

        Assert.That(code, Does.Contain("public static partial void rosen_adjoint(double* x, double* d_x, int n);"));
        Assert.That(code, Does.Contain("public static void rosen_adjoint(ReadOnlySpan<double> x, Span<double> d_x, int n)"));
        Assert.That(code, Does.Contain("public static partial double rosen_tangent(double* x, double* d_x, int n);"));
        Assert.That(code, Does.Contain("public static double rosen_tangent(ReadOnlySpan<double> x, ReadOnlySpan<double> d_x, int n)"));
    }

    [Test]
    public void TheCommandLineWritesTheFileAndReportsErrors()
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("native.c", Source);
        string output = directory.File("Out.g.cs");
        EnzymeAdRun ok = EnzymeAdRun.Invoke("bindings", "-o", output, "--library", "native", "--namespace", "N", "--class", "C", "--clang-arg", "-DUNUSED=1", source);
        EnzymeAdRun missing = EnzymeAdRun.Invoke("bindings", "-o", directory.File("Bad.g.cs"), "--library", "native", "--namespace", "N", "--class", "C",
            "--gradient", "g=absent:reverse:dup", source);
        string broken = directory.Write("broken.c", "double f(double x { return x; }\n");
        EnzymeAdRun syntax = EnzymeAdRun.Invoke("bindings", "-o", directory.File("Broken.g.cs"), "--library", "l", "--namespace", "N", "--class", "C", broken);

        Assert.That(ok.ExitCode, Is.Zero, ok.StandardError);
        Assert.That(File.ReadAllText(output), Does.Contain("EntryPoint = \"rosen_grad\""));
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.ErrorLines.Single(), Does.Contain("ENZ1012").And.Contain("'absent'"));
        Assert.That(File.Exists(directory.File("Bad.g.cs")), Is.False);
        Assert.That(syntax.ExitCode, Is.EqualTo(1));
        Assert.That(syntax.ErrorLines.Single(), Does.Contain("ENZ0013").And.Contain("broken.c:1:"));
    }
}
