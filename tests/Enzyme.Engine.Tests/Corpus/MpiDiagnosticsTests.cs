using Enzyme.Engine.Diagnostics;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// MPI calls on real data that the engine does not differentiate stop with ENZ2020 at the call's source line,
/// naming the call and the fix, in both modes and at -O0 and -O2 — never a derivative that treats the
/// communicated data as constant (docs/mpi.md).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MpiDiagnosticsTests
{
    private const string Prologue = """
        #include <mpi.h>
        extern int enzyme_dup, enzyme_const;
        void __enzyme_autodiff(void *, ...);
        double __enzyme_fwddiff(void *, ...);

        """;

    // The prologue is four lines: the body is line 6 of the program.
    private static string Program(string body, string mode) => Prologue + $$"""
        double f(double *x, double *y, int n) {
          {{body}}
          double s = 0; for (int i = 0; i < n; i++) s += y[i] * x[i];
          return s;
        }
        int main(void) {
          double x[2] = {1, 2}, dx[2] = {0}, y[2], dy[2] = {0};
          {{(mode == "reverse" ? "__enzyme_autodiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, 2);" : "__enzyme_fwddiff((void *)f, enzyme_dup, x, dx, enzyme_dup, y, dy, enzyme_const, 2);")}}
          return 0;
        }
        """;

    public static IEnumerable<TestCaseData> Cases()
    {
        (string Name, string Body, string[] Expected)[] cases =
        [
            ("prod", "MPI_Allreduce(x, y, n, MPI_DOUBLE, MPI_PROD, MPI_COMM_WORLD);", ["MPI_Allreduce", "MPI_PROD", "MPI_SUM"]),
            ("max in place", "y[0] = x[0]; y[1] = x[1]; MPI_Allreduce(MPI_IN_PLACE, y, n, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);", ["MPI_Allreduce", "MPI_MAX in place"]),
            ("reduce max", "MPI_Reduce(x, y, n, MPI_DOUBLE, MPI_MIN, 0, MPI_COMM_WORLD);", ["MPI_Reduce", "MPI_MIN"]),
            ("gather", "MPI_Allgather(x, 1, MPI_DOUBLE, y, 1, MPI_DOUBLE, MPI_COMM_WORLD);", ["MPI_Allgather", "register a gradient"]),
            ("wildcard", "MPI_Recv(y, n, MPI_DOUBLE, MPI_ANY_SOURCE, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);", ["MPI_Recv", "MPI_ANY_SOURCE", "named rank"]),
            ("datatype", "MPI_Allreduce(x, y, n, MPI_LONG_DOUBLE, MPI_SUM, MPI_COMM_WORLD);", ["MPI_Allreduce", "MPI_LONG_DOUBLE", "MPI_DOUBLE"]),
            ("test", "MPI_Request r; MPI_Irecv(y, n, MPI_DOUBLE, 0, 0, MPI_COMM_WORLD, &r); int done; MPI_Test(&r, &done, MPI_STATUS_IGNORE);", ["MPI_Test", "MPI_Wait"]),
        ];
        foreach ((string name, string body, string[] expected) in cases)
        {
            foreach (string mode in new[] { "forward", "reverse" })
            {
                foreach (string level in CorpusProgram.Levels)
                {
                    yield return new TestCaseData(body, mode, level, expected).SetName($"MpiError({name}, {mode}, {level})");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void MpiError(string body, string mode, string level, string[] expected)
    {
        EnzymeException? error = MpiProgram.Differentiate(Program(body, mode), level);
        Assert.That(error, Is.Not.Null, "the engine differentiated a call it has no derivative for");
        Assert.That(error!.Diagnostic.Code, Is.EqualTo(DiagnosticCodes.MpiNotDifferentiable), error.Message);
        Assert.That(error.Diagnostic.Location?.Line, Is.EqualTo(6u), error.Message);
        foreach (string text in expected)
        {
            Assert.That(error.Message, Does.Contain(text));
        }
    }
}
