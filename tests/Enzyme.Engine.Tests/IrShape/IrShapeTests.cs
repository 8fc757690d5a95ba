using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.IrShape;

/// <summary>
/// What the engine promises about the IR it emits, one <c>tests/irshape/*.ll</c> file per test: an input
/// module with Enzyme requests, <c>; RUN:</c> lines saying how to run <c>enzyme-ad</c> on it, and
/// FileCheck lines stating the promise (no cache in a recomputable loop, one <c>sincos</c>, atomic adjoints on
/// the GPU, ...). See <c>tests/irshape/README.md</c> for the directive syntax.
/// </summary>
[TestFixture]
public sealed class IrShapeTests
{
    public static IEnumerable<TestCaseData> TestFiles() =>
        IrShapeRunner.TestFileNames().Select(name => new TestCaseData(name).SetName($"IrShape({name})"));

    [TestCaseSource(nameof(TestFiles))]
    public void EmittedIrMatchesTheChecks(string fileName)
    {
        string? mismatch = IrShapeRunner.Mismatch(Path.Combine(IrShapeRunner.TestDirectory, fileName));
        Assert.That(mismatch, Is.Null, mismatch);
    }

    // The fixture itself: a check that does not hold must fail, or every test above would pass vacuously.
    [Test]
    public void ACheckTheOutputDoesNotSatisfy_IsReportedWithFileChecksMessage()
    {
        using var directory = new TemporaryDirectory();
        string file = directory.Write("wrong.ll", """
            ; RUN: enzyme-ad %s -O0 -o %t.ll
            ; CHECK-LABEL: define double @square(
            ; CHECK: fdiv
            define double @square(double %x) {
              %y = fmul double %x, %x
              ret double %y
            }
            """);

        string? mismatch = IrShapeRunner.Mismatch(file);

        Assert.That(mismatch, Does.StartWith("FileCheck failed on the output of enzyme-ad"));
        Assert.That(mismatch, Does.Contain("error: CHECK: expected string not found in input"));
    }

    [Test]
    public void AFailingEngineRun_IsReportedWithTheEnginesDiagnostic()
    {
        using var directory = new TemporaryDirectory();
        string file = directory.Write("broken.ll", """
            ; RUN: enzyme-ad %s -O0 -o %t.ll
            ; CHECK: define
            define double @f(double %x {
            """);

        string? mismatch = IrShapeRunner.Mismatch(file);

        Assert.That(mismatch, Does.StartWith("enzyme-ad "));
        Assert.That(mismatch, Does.Contain("error ENZ"));
    }

    [Test]
    public void EveryRunLineIsChecked_NotOnlyTheFirst()
    {
        using var directory = new TemporaryDirectory();
        string file = directory.Write("two.ll", """
            ; RUN: enzyme-ad %s -O0 -o %t.o0.ll | FileCheck --check-prefix=O0
            ; RUN: enzyme-ad %s -O2 -o %t.o2.ll | FileCheck --check-prefix=O2
            ; O0: add i32 %x, 0
            ; O2: add i32 %x, 0
            define i32 @f(i32 %x) {
              %a = add i32 %x, 0
              ret i32 %a
            }
            """);

        string? mismatch = IrShapeRunner.Mismatch(file);

        Assert.That(mismatch, Does.Contain("-O2").And.Contain("O2: expected string not found"));
    }

    [Test]
    public void RunLine_SubstitutesPaths_AndKeepsQuotedWordsTogether()
    {
        IrShapeRunLine run = IrShapeRunLine.Parse(
            """ enzyme-ad %s --passes "function(instcombine, simplifycfg)" -o %t.opt.ll | FileCheck --check-prefixes=A,B""",
            "/in/test.ll", "/tmp/x/test");

        Assert.That(run.EnzymeAdArguments, Is.EqualTo(new[] { "/in/test.ll", "--passes", "function(instcombine, simplifycfg)", "-o", "/tmp/x/test.opt.ll" }));
        Assert.That(run.Output, Is.EqualTo("/tmp/x/test.opt.ll"));
        Assert.That(run.FileCheckArguments, Is.EqualTo(new[] { "--check-prefixes=A,B" }));
    }

    [TestCase(" clang %s -o %t.ll", "starts with 'enzyme-ad'")]
    [TestCase(" enzyme-ad %s -O2", "names its output")]
    [TestCase(" enzyme-ad %s -o %t.bc", "must be textual IR")]
    [TestCase(" enzyme-ad %s -o %t.ll | grep x", "only '| FileCheck")]
    [TestCase(" enzyme-ad %s -o %t.ll | FileCheck %s", "drop the %s")]
    [TestCase(" enzyme-ad %s --passes \"function(sroa) -o %t.ll", "unterminated")]
    public void MalformedRunLine_IsRejected(string directive, string reason)
    {
        Assert.That(() => IrShapeRunLine.Parse(directive, "/in/test.ll", "/tmp/x/test"),
            Throws.TypeOf<FormatException>().With.Message.Contains(reason));
    }

    // A moved folder or a broken pattern would turn the test cases above into none, which passes.
    [Test]
    public void TheTestFilesAreFound()
    {
        Assert.That(IrShapeRunner.TestFileNames(), Is.Not.Empty, IrShapeRunner.TestDirectory);
    }
}
