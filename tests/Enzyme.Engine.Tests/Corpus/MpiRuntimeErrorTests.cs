using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// ENZ2021: a receive whose source is <c>MPI_ANY_SOURCE</c> only at run time (not a constant the engine can
/// refuse when compiling) stops the derivative with a message on stderr instead of pairing derivative
/// messages at random; forward and reverse mode, on 2 ranks.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MpiRuntimeErrorTests
{
    private const string Source = """
        #include "enzyme_mpi_test.h"

        double receive(double *x, int wildcard)
        {
            int rank;
            MPI_Comm_rank(MPI_COMM_WORLD, &rank);
            double y = 0;
            if (rank == 0) {
                MPI_Send(x, 1, MPI_DOUBLE, 1, 5, MPI_COMM_WORLD);
            } else {
                MPI_Recv(&y, 1, MPI_DOUBLE, wildcard ? MPI_ANY_SOURCE : 0, 5, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            }
            return y * y;
        }

        int main(int argc, char **argv)
        {
            mpi_start(&argc, &argv);
            double x = 1.5, dx = 0;
            int wildcard = argc > 0;
            if (MODE == 0) {
                __enzyme_autodiff_v((void *)receive, enzyme_dup, &x, &dx, enzyme_const, wildcard);
            } else {
                dx = 1;
                __enzyme_fwddiff((void *)receive, enzyme_dup, &x, &dx, enzyme_const, wildcard);
            }
            return mpi_finish("wildcard");
        }
        """;

    [TestCase(0, "-O2")]
    [TestCase(1, "-O2")]
    [TestCase(0, "-O0")]
    public void WildcardSourceAtRunTime_ENZ2021(int mode, string level)
    {
        using var directory = new TemporaryDirectory();
        string source = directory.Write("wildcard.c", $"#define MODE {mode}\n" + Source);
        ProcessResult result = MpiProgram.RunRanks(MpiProgram.Build(source, level, directory), 2);
        Assert.That(result.ExitCode, Is.Not.EqualTo(0), result.StandardOutput);
        Assert.That(result.StandardError + result.StandardOutput, Does.Contain("error ENZ2021").And.Contain("MPI_ANY_SOURCE"));
    }
}
