namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// The MPI corpus (<c>tests/corpus/mpi</c>, docs/mpi.md): halo exchanges with <c>MPI_Sendrecv</c> and with
/// <c>MPI_Isend</c>/<c>MPI_Irecv</c>/<c>MPI_Waitall</c>, <c>MPI_Allreduce</c> energies (double, float, in place),
/// <c>MPI_Bcast</c> + <c>MPI_Reduce</c>, a <c>MPI_Send</c>/<c>MPI_Recv</c> ring. Each program is compiled at -O0
/// and -O2 and run under <c>mpirun</c> with 2–4 ranks; it checks its gradient against central finite
/// differences computed collectively and runs the dot-product test between forward and reverse mode
/// (helpers: <c>tests/corpus/include/enzyme_mpi_test.h</c>). The fixture runs alone: every program
/// starts several processes on a machine that may have two cores.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MpiCorpusTests
{
    public static IEnumerable<TestCaseData> Programs()
    {
        foreach ((string program, int[] ranks) in MpiProgram.Enumerate())
        {
            foreach (string level in CorpusProgram.Levels)
            {
                yield return new TestCaseData(program, level, ranks).SetName($"Mpi({program}, {level}, np {string.Join('/', ranks)})");
            }
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Mpi(string program, string level, int[] ranks) => MpiProgram.BuildAndRun(program, level, ranks);
}
