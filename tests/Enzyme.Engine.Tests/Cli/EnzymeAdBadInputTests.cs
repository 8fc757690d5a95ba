using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm.Toolchain;

namespace Enzyme.Engine.Tests.Cli;

/// <summary>
/// Bad input never crashes and never leaves output behind: each case exits non-zero with one
/// diagnostic line carrying a stable code, and any stale output from an earlier run is gone.
/// </summary>
public sealed class EnzymeAdBadInputTests
{
    private TemporaryDirectory _directory = null!;
    private string _valid = null!;

    [SetUp]
    public void CreateInputs()
    {
        _directory = new TemporaryDirectory();
        _valid = _directory.Write("valid.ll", "define double @sq(double %x) {\n  %r = fmul double %x, %x\n  ret double %r\n}\n");
    }

    [TearDown]
    public void RemoveInputs() => _directory.Dispose();

    /// <summary>Runs with a stale output in place and checks the failure left nothing behind.</summary>
    private EnzymeAdRun RunExpectingFailure(string outputName, params string[] arguments)
    {
        string output = _directory.File(outputName);
        File.WriteAllText(output, "stale output of an earlier run");
        string[] before = Directory.GetFiles(_directory.Path);

        EnzymeAdRun run = EnzymeAdRun.Invoke([.. arguments, "-o", output]);

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(File.Exists(output), Is.False, "a failed run must not leave the output file");
        Assert.That(Directory.GetFiles(_directory.Path), Is.EquivalentTo(before.Where(f => f != output)),
            "no temporary files may be left behind");
        Assert.That(run.StandardOutput, Is.Empty);
        return run;
    }

    [Test]
    public void MissingInputFile()
    {
        EnzymeAdRun run = RunExpectingFailure("out.o", _directory.File("absent.bc"));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.ErrorLines[0], Does.StartWith("enzyme-ad: error ENZ0002:").And.Contain("absent.bc"));
    }

    [Test]
    public void DirectoryGivenAsInput()
    {
        EnzymeAdRun run = RunExpectingFailure("out.o", _directory.Path);
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0002:").And.Contain("directory"));
    }

    [Test]
    public void MalformedTextualIr()
    {
        string bad = _directory.Write("bad.ll", "define i32 @f() {\n  ret i64 0\n}\n");
        EnzymeAdRun run = RunExpectingFailure("out.bc", bad);
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0003:").And.Contain("bad.ll:2:"));
    }

    [Test]
    public void GarbageBytes()
    {
        string garbage = _directory.File("garbage.bc");
        File.WriteAllBytes(garbage, [0x42, 0x43, 0xC0, 0xDE, 0x01, 0x02, 0x03, 0x04, 0xFF, 0x00, 0x13]);
        EnzymeAdRun run = RunExpectingFailure("out.o", garbage);
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0003:").And.Contain("garbage.bc"));
    }

    [Test]
    public void TruncatedBitcode()
    {
        string bitcode = _directory.File("whole.bc");
        Assert.That(EnzymeAdRun.Invoke(_valid, "-o", bitcode).ExitCode, Is.Zero);
        byte[] bytes = File.ReadAllBytes(bitcode);
        string truncated = _directory.File("truncated.bc");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        File.Delete(bitcode);

        EnzymeAdRun run = RunExpectingFailure("out.o", truncated);
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0003:"));
    }

    [Test]
    public void IrThatFailsTheVerifier()
    {
        string unterminated = _directory.Write("unterminated.ll", "define void @f() {\nentry:\n  %a = add i32 1, 2\n}\n");
        EnzymeAdRun run = RunExpectingFailure("out.o", unterminated);
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0003:"));
    }

    [Test]
    public void UnknownOption()
    {
        // A command line that does not parse touches no file at all.
        string output = _directory.File("out.o");
        EnzymeAdRun run = EnzymeAdRun.Invoke(_valid, "--frobnicate", "-o", output);
        Assert.That(File.Exists(output), Is.False);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0001:").And.Contain("--frobnicate"));
    }

    [TestCase("--target")]
    [TestCase("--cpu")]
    [TestCase("--passes")]
    public void OptionWithoutItsValue(string option)
    {
        EnzymeAdRun run = EnzymeAdRun.Invoke(_valid, "-o", _directory.File("x.o"), option);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0001:").And.Contain(option));
    }

    [Test]
    public void NoOutputOrNoInput()
    {
        EnzymeAdRun noOutput = EnzymeAdRun.Invoke(_valid);
        EnzymeAdRun noInput = EnzymeAdRun.Invoke("-o", _directory.File("x.o"));
        Assert.That(noOutput.ExitCode, Is.EqualTo(2));
        Assert.That(noOutput.ErrorLines.Single(), Does.Contain("ENZ0001").And.Contain("no output file"));
        Assert.That(noInput.ExitCode, Is.EqualTo(2));
        Assert.That(noInput.ErrorLines.Single(), Does.Contain("ENZ0001").And.Contain("no input files"));
    }

    [Test]
    public void UnknownTarget()
    {
        EnzymeAdRun run = RunExpectingFailure("out.o", _valid, "--target", "pdp11-dec-unix");
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0005:").And.Contain("pdp11-dec-unix"));
    }

    [Test]
    public void UnknownPass()
    {
        EnzymeAdRun run = RunExpectingFailure("out.o", _valid, "--passes", "function(no-such-pass)");
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0006:").And.Contain("no-such-pass"));
    }

    [Test]
    public void UnsupportedOutputExtensionLeavesThatFileAlone()
    {
        string unrelated = _directory.Write("notes.txt", "user data");
        EnzymeAdRun run = EnzymeAdRun.Invoke(_valid, "-o", unrelated);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0007:"));
        Assert.That(File.ReadAllText(unrelated), Is.EqualTo("user data"), "a file we would never write is not deleted");
    }

    [Test]
    public void PtxWithANonNvptxTarget()
    {
        EnzymeAdRun run = RunExpectingFailure("out.ptx", _valid, "--target", "x86_64-unknown-linux-gnu");
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0007:").And.Contain("NVPTX"));
    }

    [Test]
    public void ConflictingDefinitionsAcrossInputs()
    {
        string other = _directory.Write("other.ll", "define double @sq(double %x) {\n  ret double %x\n}\n");
        EnzymeAdRun run = RunExpectingFailure("out.o", _valid, other);
        Assert.That(run.ErrorLines.Single(), Does.StartWith("enzyme-ad: error ENZ0004:").And.Contain("sq"));
    }

    [Test]
    public void FailureNeverDeletesAnInputNamedAsOutput()
    {
        string bad = _directory.Write("bad.ll", "this is not IR\n");
        EnzymeAdRun run = EnzymeAdRun.Invoke(bad, "-o", bad);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(File.ReadAllText(bad), Is.EqualTo("this is not IR\n"));
    }

    [Test]
    public void EnzymeRequestIsRejectedAtItsSourceLine()
    {
        string bitcode = ClangCompiler.CompileToBitcode(_directory, "request", """
            extern double __enzyme_todense(void*, double, double);
            double sq(double x) { return x * x; }
            double dsq(double x) {
              return __enzyme_todense((void*)sq, x, 1.0);
            }
            """);
        EnzymeAdRun run = RunExpectingFailure("out.o", bitcode);
        string line = run.ErrorLines.Single();
        Assert.That(line, Does.Match(@"request\.c\(4,\d+\): error ENZ1001: "));
        Assert.That(line, Does.Contain("__enzyme_todense").And.Contain("'dsq'"));
    }

    [Test]
    public void EveryRequestIsReportedAndUnknownEntryPointsHaveTheirOwnCode()
    {
        string input = _directory.Write("requests.ll", """
            declare double @__enzyme_todense(ptr, ...)
            declare double @__enzyme_frobnicate(ptr, ...)
            define double @sq(double %x) {
              %r = fmul double %x, %x
              ret double %r
            }
            define double @both(double %x) {
              %a = call double (ptr, ...) @__enzyme_todense(ptr @sq, double %x, double 1.0)
              %b = call double (ptr, ...) @__enzyme_frobnicate(ptr @sq, double %x)
              %s = fadd double %a, %b
              ret double %s
            }
            """);
        EnzymeAdRun run = RunExpectingFailure("out.ll", input);
        Assert.That(run.ErrorLines, Has.Length.EqualTo(2));
        Assert.That(run.ErrorLines[0], Does.StartWith("enzyme-ad: error ENZ1001:").And.Contain("compile with -g"));
        Assert.That(run.ErrorLines[1], Does.StartWith("enzyme-ad: error ENZ1002:").And.Contain("__enzyme_frobnicate"));
    }

    [Test]
    public void MissingToolchainIsReportedByTheExecutableWithTheInstallCommand()
    {
        string executable = Path.Combine(AppContext.BaseDirectory, "enzyme-ad");
        ProcessResult result = ProcessRunner.Run(executable, [_valid, "-o", _directory.File("x.o")],
            new Dictionary<string, string> { [LlvmToolchain.RootEnvironmentVariable] = "/nonexistent/llvm" });

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.StandardError.Trim(), Does.StartWith("enzyme-ad: error ENZ0011:")
            .And.Contain("/nonexistent/llvm").And.Contain(LlvmToolchain.InstallCommand));
        Assert.That(File.Exists(_directory.File("x.o")), Is.False);
    }

    [Test]
    public void TheExecutableRunsAPipelineEndToEnd()
    {
        string executable = Path.Combine(AppContext.BaseDirectory, "enzyme-ad");
        string output = _directory.File("sq.o");
        ProcessResult result = ProcessRunner.Run(executable, [_valid, "-O3", "-o", output]);

        Assert.That(result.ExitCode, Is.Zero, result.StandardError);
        Assert.That(File.ReadAllBytes(output)[..4], Is.EqualTo(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }));
    }
}
