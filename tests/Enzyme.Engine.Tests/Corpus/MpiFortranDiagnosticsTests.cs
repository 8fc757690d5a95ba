using Enzyme.Engine.Diagnostics;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// Fortran MPI calls (Open MPI's <c>mpif.h</c> bindings, compiled by flang) that the engine does not differentiate
/// stop with an error at the call's source line, in both modes at -O0 and -O2: a binding it does not rewrite to C
/// (<c>MPI_ISEND</c>) is ENZ2022, and a rewritten call with an operation it has no derivative for (<c>MPI_PROD</c>)
/// is the C rule's ENZ2020, named by its Fortran handle (docs/mpi.md).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MpiFortranDiagnosticsTests
{
    // The body is on line 10.
    private static string Program(string body) => $$"""
        function f(u, n) result(e) bind(c, name='f')
          use iso_c_binding, only: c_double, c_int
          implicit none
          include 'mpif.h'
          integer(c_int), value :: n
          real(c_double), intent(in) :: u(n)
          real(c_double) :: e, v(n), w(n)
          integer :: request, ierr
          v = u
          {{body}}
          e = sum(w * v)
        end function f
        """;

    private static string Driver(string mode) => $$"""
        void __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);
        double f(double *u, int n);
        int main(void)
        {
            double u[2] = {1, 2}, du[2] = {0};
            {{(mode == "reverse" ? "__enzyme_autodiff((void *)f, u, du, 2);" : "__enzyme_fwddiff((void *)f, u, du, 2);")}}
            return 0;
        }
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        (string Name, string Body, string Code, string[] Expected)[] cases =
        [
            ("isend", "call mpi_isend(v, n, MPI_DOUBLE_PRECISION, 0, 0, MPI_COMM_WORLD, request, ierr); call mpi_wait(request, MPI_STATUS_IGNORE, ierr); w = v",
                DiagnosticCodes.MpiFortranBindingNotDifferentiable, ["MPI_ISEND", "mpi_isend_", "MPI_SENDRECV"]),
            ("prod", "call mpi_allreduce(v, w, n, MPI_DOUBLE_PRECISION, MPI_PROD, MPI_COMM_WORLD, ierr)",
                DiagnosticCodes.MpiNotDifferentiable, ["MPI_Allreduce", "MPI_PROD", "MPI_SUM"]),
        ];
        foreach ((string name, string body, string code, string[] expected) in cases)
        {
            foreach (string mode in new[] { "forward", "reverse" })
            {
                foreach (string level in CorpusProgram.Levels)
                {
                    yield return new TestCaseData(body, mode, level, code, expected).SetName($"MpiFortranError({name}, {mode}, {level})");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void MpiFortranError(string body, string mode, string level, string code, string[] expected)
    {
        EnzymeException? error = MpiProgram.DifferentiateFortran(Program(body), Driver(mode), level);
        Assert.That(error, Is.Not.Null, "the engine differentiated a call it has no derivative for");
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(code), error.Message);
        Assert.That(error.Diagnostic.Location?.Line, Is.EqualTo(10u), error.Message);
        foreach (string text in expected)
        {
            Assert.That(error.Message, Does.Contain(text));
        }
    }
}
