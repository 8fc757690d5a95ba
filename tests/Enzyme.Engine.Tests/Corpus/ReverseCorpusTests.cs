namespace Enzyme.Engine.Tests.Corpus;

/// <summary>
/// The reverse-mode corpus (<c>tests/corpus/reverse</c>): every program — a <c>.c</c>/<c>.cpp</c> file, or a
/// folder whose sources form one program — is compiled to bitcode by clang at -O0 and at -O2, run through
/// the engine in-process (always at -O2), linked, and executed. Each program computes gradients with
/// <c>__enzyme_autodiff</c>, checks every component against central finite differences or a closed form,
/// runs the dot-product test &lt;J v, w&gt; = &lt;v, Jᵀ w&gt; against <c>__enzyme_fwddiff</c>, and exits nonzero on
/// a mismatch (helpers: <c>tests/corpus/include/enzyme_reverse_test.h</c>).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class ReverseCorpusTests
{
    private const string Suite = "reverse";

    public static IEnumerable<TestCaseData> Programs()
    {
        foreach (string program in CorpusProgram.Enumerate(Suite))
        {
            foreach (string level in CorpusProgram.Levels)
            {
                yield return new TestCaseData(program, level).SetName($"Reverse({program}, {level})");
            }
        }
    }

    [TestCaseSource(nameof(Programs))]
    public void Reverse(string program, string level) => CorpusProgram.BuildAndRun(Suite, program, level);
}
