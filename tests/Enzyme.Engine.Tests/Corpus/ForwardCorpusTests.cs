namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// The forward-mode corpus (<c>tests/corpus/forward</c>): every program — a <c>.c</c>/<c>.cpp</c> file, or a
/// folder whose sources form one program — is compiled to bitcode by clang at -O0 and at -O2, run through
/// the engine in-process (always at -O2), linked, and executed (<see cref="CorpusProgram"/>). Each program
/// checks its own derivatives against finite differences or closed forms and exits nonzero on a mismatch.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ForwardCorpusTests
{
    private const string Suite = "forward";

    public static IEnumerable<TestCaseData> Programs()
    {
        foreach (string program in CorpusProgram.Enumerate(Suite))
        {
            foreach (string level in CorpusProgram.Levels)
            {
                yield return new TestCaseData(program, level).SetName($"Forward({program}, {level})");
            }
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Forward(string program, string level) => CorpusProgram.BuildAndRun(Suite, program, level);
}
