using Enzyme.Engine.Bindings;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Clang;

namespace Enzyme.Engine.Tests.Bindings;

public sealed class FortranInterfaceReaderTests
{
    private const string Source = """
        module heat
          use iso_c_binding
          implicit none
          interface
            ! A C function this module calls: declared here, defined elsewhere, not part of the library.
            function c_helper(x) result(y) bind(c, name='c_helper')
              import :: c_double
              real(c_double), value :: x
              real(c_double) :: y
            end function c_helper
          end interface
        contains
          subroutine heat_step(n, u, kappa, &
                               unew, count) bind(c, name="HeatStep")
            integer(c_int), value :: n
            real(c_double), intent(in) :: u(0:n + 1)
            real(c_double), value :: kappa
            real(c_double), intent(out) :: unew(n)
            integer(c_size_t), intent(inout) :: count  ! by reference
            unew = u(1:n)
          end subroutine heat_step

          real(c_float) function mean(n, x) bind(c)
            integer(c_int64_t), value :: n
            real(c_float), dimension(n), intent(in) :: x
            mean = sum(x) / n
          end function mean

          function by_descriptor(x) result(s) bind(c, name='by_descriptor')
            real(c_double), intent(in) :: x(:)
            real(c_double) :: s
            s = sum(x)
          end function by_descriptor

          subroutine not_interoperable(x)
            real(c_double) :: x
          end subroutine not_interoperable
        end module heat
        """;

    private static IReadOnlyList<CFunctionDeclaration> Read() => FortranInterfaceReader.Read(Source, "heat.f90");

    [Test]
    public void BindCProceduresBecomeCDeclarations()
    {
        IReadOnlyList<CFunctionDeclaration> functions = Read();

        Assert.That(functions.Select(f => f.Name), Is.EqualTo(new[] { "HeatStep", "mean", "by_descriptor" }),
            "the binding label, else the lower-case name; interface bodies and procedures without bind(c) are not exported");
        CFunctionDeclaration step = functions[0];
        Assert.Multiple(() =>
        {
            Assert.That(step.ToString(), Is.EqualTo("void HeatStep(int n, const double * u, double kappa, double * unew, size_t * count)"));
            Assert.That(step.Line, Is.EqualTo(13));
            Assert.That(step.Parameters[1].Type.Pointee!.IsConst, Is.True, "intent(in) arrays are const pointers");
            Assert.That(step.Parameters[3].Type.Pointee!.IsConst, Is.False);
            Assert.That(functions[1].ToString(), Is.EqualTo("float mean(int64_t n, const float * x)"));
            Assert.That(functions[2].Parameters[0].Type.Kind, Is.EqualTo(CTypeKind.Other), "an assumed-shape dummy passes a descriptor");
        });
    }

    [Test]
    public void FortranSourcesGetBindingsWithSpanOverloads()
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("heat.f90", Source);
        string output = directory.File("Heat.g.cs");
        BindingsGenerator.Run(new BindingsOptions
        {
            Sources = [source],
            Output = output,
            Library = "heat",
            Namespace = "Demo.Native",
            Class = "Heat",
            Gradients = [GradientSpecification.Parse("heat_grad=HeatStep:Reverse:const,dup,out,dup,const")],
        });
        string code = File.ReadAllText(output);

        Assert.That(code, Does.Contain("[LibraryImport(LibraryName, EntryPoint = \"HeatStep\")]"));
        Assert.That(code, Does.Contain("public static partial void HeatStep(int n, double* u, double kappa, double* unew, nuint* count);"));
        Assert.That(code, Does.Contain("public static void HeatStep(int n, ReadOnlySpan<double> u, double kappa, Span<double> unew, Span<nuint> count)"));
        Assert.That(code, Does.Contain("public static partial float mean(long n, float* x);"));
        Assert.That(code, Does.Contain("by_descriptor").And.Contain("is not bound"));
        Assert.That(code, Does.Contain("public static partial double heat_grad(int n, double* u, double* d_u, double kappa, double* unew, double* d_unew, nuint* count);"),
            "a gradient of a Fortran procedure is declared from its interface");
        Assert.That(code, Does.Not.Contain("c_helper"));
    }
}
