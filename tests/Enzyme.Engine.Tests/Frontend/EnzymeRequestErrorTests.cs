using System.Text.RegularExpressions;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;
using Enzyme.Engine.Tests.Cli;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Frontend;

/// <summary>
/// Runs a failing input through <see cref="ModulePipeline"/> (which must throw
/// <see cref="EnzymeException"/>, nothing else) and through <c>enzyme-ad</c> in-process (which
/// must exit 1 with one diagnostic line and leave neither the output nor any other file behind).
/// </summary>
internal static class EnzymeErrorCase
{
    /// <summary>Marks the source line a diagnostic must point at.</summary>
    public const string Here = "/*HERE*/";

    public sealed record Failure(EnzymeDiagnostic Diagnostic, string Line);

    /// <summary>The 1-based line of <see cref="Here"/> in <paramref name="source"/>.</summary>
    public static int LineOfMarker(string source)
    {
        string[] lines = source.Split('\n');
        int index = Array.FindIndex(lines, l => l.Contains(Here, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new ArgumentException("test bug: the source has no " + Here);
    }

    /// <summary>Compiles C with -g (and <paramref name="clangArguments"/>) and expects <paramref name="code"/> at the marked line.</summary>
    public static Failure CompileAndFail(TemporaryDirectory directory, string name, string source, string code, params string[] clangArguments)
    {
        string bitcode = ClangCompiler.CompileToBitcode(directory, name, source, clangArguments);
        Failure failure = Fail(directory, bitcode, code);
        if (source.Contains(Here, StringComparison.Ordinal))
        {
            int line = LineOfMarker(source);
            Assert.That(failure.Diagnostic.Location, Is.Not.Null, "the diagnostic must carry the source position: " + failure.Line);
            Assert.That(failure.Diagnostic.Location!.Value.Line, Is.EqualTo((uint)line), failure.Line);
            Assert.That(failure.Diagnostic.Location!.Value.File, Does.EndWith(name + ".c"), failure.Line);
            Assert.That(failure.Line, Does.Match($@"^.*{Regex.Escape(name)}\.c\({line}(,\d+)?\): error {code}: "));
        }
        return failure;
    }

    /// <summary>Runs <paramref name="input"/> both ways; returns the one diagnostic and the line the CLI printed.</summary>
    public static Failure Fail(TemporaryDirectory directory, string input, string code)
    {
        // A separate process first: a crash (segfault, abort, unhandled exception) fails this
        // test instead of taking the whole test host down with it.
        string isolatedOutput = directory.File("isolated-out.o");
        ProcessResult isolated = RunEnzymeAdProcess(input, "-o", isolatedOutput);
        Assert.That(isolated.ExitCode, Is.EqualTo(1),
            $"expected exit code 1 with {code}; enzyme-ad {(isolated.ExitCode is 134 or 139 or < 0 ? "crashed" : "exited")} with {isolated.ExitCode}:\n{isolated.StandardError}");
        Assert.That(isolated.StandardError, Does.Contain($"error {code}: "));
        Assert.That(File.Exists(isolatedOutput), Is.False, "a failed run must not leave the output file");

        // In-process pipeline: only an EnzymeException may come out, with a clean output.
        string pipelineOutput = directory.File("pipeline-out.o");
        File.WriteAllText(pipelineOutput, "stale output of an earlier run");
        EnzymeException? thrown = null;
        try
        {
            ModulePipeline.Run(new PipelineOptions { Inputs = [input], Output = pipelineOutput });
        }
        catch (EnzymeException e)
        {
            thrown = e;
        }
        catch (Exception e)
        {
            Assert.Fail($"expected {code} as an EnzymeException, but the engine crashed with {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
        Assert.That(thrown, Is.Not.Null, $"expected {code}, but differentiation succeeded");
        Assert.That(thrown!.Diagnostics.Select(d => d.Code), Is.EqualTo(new[] { code }), thrown.Message);
        Assert.That(File.Exists(pipelineOutput), Is.False, "a failed run must remove the stale output");

        // The command, in-process: exit code 1, one line on stderr, nothing left behind.
        string output = directory.File("out.o");
        File.WriteAllText(output, "stale output of an earlier run");
        string[] before = Directory.GetFiles(directory.Path);
        EnzymeAdRun run = EnzymeAdRun.Invoke(input, "-o", output);
        Assert.That(run.ExitCode, Is.EqualTo(1), run.StandardError);
        Assert.That(run.StandardOutput, Is.Empty);
        Assert.That(File.Exists(output), Is.False, "a failed run must not leave the output file");
        Assert.That(Directory.GetFiles(directory.Path), Is.EquivalentTo(before.Where(f => f != output)), "no other file may be left behind");
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1), run.StandardError);
        string line = run.ErrorLines[0].TrimEnd('\r');
        Assert.That(line, Does.Contain($"error {code}: "));
        Assert.That(line, Is.EqualTo(thrown.Diagnostic.Format()));
        return new Failure(thrown.Diagnostic, line);
    }

    /// <summary>Runs the enzyme-ad next to the test assembly in its own process.</summary>
    public static ProcessResult RunEnzymeAdProcess(params string[] arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return ProcessRunner.Run(dotnet, [Path.Combine(AppContext.BaseDirectory, "enzyme-ad.dll"), .. arguments]);
    }
}

/// <summary>One test per ENZ1xxx error of the Enzyme C API front end (<see cref="Enzyme.Engine.Frontend.EnzymeRequestParser"/>).</summary>
public sealed class EnzymeRequestErrorTests
{
    private const string Prelude = """
        extern int enzyme_dup, enzyme_dupnoneed, enzyme_const, enzyme_out, enzyme_width, enzyme_foo, enzyme_tape;
        double __enzyme_fwddiff(void*, ...);
        double sq(double x) { return x * x; }
        double mul(double x, double y) { return x * y; }

        """;

    private TemporaryDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private EnzymeErrorCase.Failure Fail(string body, string code, string name = "request") =>
        EnzymeErrorCase.CompileAndFail(_directory, name, Prelude + body, code);

    // ---- ENZ1001 / ENZ1002: entry points ----

    [Test]
    public void CallerProvidedTapeTooSmall_ENZ1014()
    {
        var failure = Fail("""
            extern int enzyme_allocated;
            void* __enzyme_augmentfwd(void*, ...);
            void g(double x, double* buffer) {
              __enzyme_augmentfwd((void*)sq, enzyme_allocated, 4, enzyme_tape, buffer, x); /*HERE*/
            }
            """, DiagnosticCodes.SplitTapeInvalid);
        Assert.That(failure.Diagnostic.Message, Does.Contain("4 byte(s)").And.Contain("'sq'").And.Contain("__enzyme_augmentsize"));
    }

    [Test]
    public void AugmentedCallThatDropsTheTape_ENZ1011()
    {
        // Declared to return only the result, with no enzyme_tape buffer: the tape would be lost.
        var failure = Fail("""
            double __enzyme_augmentfwd(void*, ...);
            double g(double x) {
              return __enzyme_augmentfwd((void*)sq, x); /*HERE*/
            }
            """, DiagnosticCodes.ReturnTypeMismatch);
        Assert.That(failure.Diagnostic.Message, Does.Contain("returns the tape (void*)"));
    }

    [Test]
    public void SplitReverseWithoutTheTape_ENZ1003()
    {
        // sq returns a double: the reverse call needs the result's adjoint and then the tape.
        var failure = Fail("""
            double __enzyme_reverse(void*, ...);
            double g(double x) {
              return __enzyme_reverse((void*)sq, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.TooFewArguments);
        Assert.That(failure.Diagnostic.Message, Does.Contain("the result's adjoint and the tape returned by __enzyme_augmentfwd"));
    }

    [Test]
    public void UnknownEntryPoint_ENZ1002()
    {
        var failure = Fail("""
            double __enzyme_frobnicate(void*, ...);
            double g(double x) {
              return __enzyme_frobnicate((void*)sq, x); /*HERE*/
            }
            """, DiagnosticCodes.UnknownEnzymeEntryPoint);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'__enzyme_frobnicate'").And.Contain("in function 'g'"));
    }

    [Test]
    public void EntryPointNotImplemented_ENZ1001()
    {
        var failure = Fail("""
            double __enzyme_todense(void*, ...);
            double g(double x) {
              return __enzyme_todense((void*)sq, x); /*HERE*/
            }
            """, DiagnosticCodes.DifferentiationNotAvailable);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'__enzyme_todense'").And.Contain("does not implement").And.Contain("enzyme-compatibility.md"));
    }

    [Test]
    public void SplitDerivativeRegistration_ENZ1016()
    {
        var failure = Fail("""
            double sq_fwd(double x, double dx, void* tape) { return 2 * x * dx; }
            void* sq_aug(double x) { return 0; }
            void* __enzyme_register_splitderivative_sq[3] = {(void*)sq, (void*)sq_aug, (void*)sq_fwd};
            double g(double x) { return __enzyme_fwddiff((void*)sq, x, 1.0); }
            """, DiagnosticCodes.UnsupportedAnnotation);
        Assert.That(failure.Diagnostic.Message, Does.Contain("__enzyme_register_splitderivative_sq").And.Contain("__enzyme_register_derivative_"));
    }

    // ---- ENZ1015: the forward split ----

    [Test]
    public void ForwardSplitWithoutAugmentedCall_ENZ1015()
    {
        var failure = Fail("""
            double __enzyme_fwdsplit(void*, ...);
            double g(double x, void* tape) {
              return __enzyme_fwdsplit((void*)sq, x, 1.0, tape); /*HERE*/
            }
            """, DiagnosticCodes.ForwardSplitUnsupported);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'__enzyme_fwdsplit'").And.Contain("in function 'g'").And.Contain("__enzyme_augmentfwd call of 'sq'"));
    }

    [Test]
    public void ForwardSplitAndReverseOnOneTape_ENZ1015()
    {
        var failure = Fail("""
            typedef struct { void* tape; double value; } TV;
            TV __enzyme_augmentfwd(void*, ...);
            double __enzyme_fwdsplit(void*, ...);
            double __enzyme_reverse(void*, ...);
            double g(double x) {
              TV a = __enzyme_augmentfwd((void*)sq, x);
              TV b = __enzyme_augmentfwd((void*)sq, x);
              double r = __enzyme_reverse((void*)sq, x, 1.0, a.tape);
              return r + __enzyme_fwdsplit((void*)sq, x, 1.0, b.tape); /*HERE*/
            }
            """, DiagnosticCodes.ForwardSplitUnsupported);
        Assert.That(failure.Diagnostic.Message, Does.Contain("__enzyme_reverse").And.Contain("'sq'"));
    }

    [Test]
    public void ForwardSplitThroughCallThatIsNotInlined_ENZ1015()
    {
        var failure = Fail("""
            double __builtin_sin(double);
            __attribute__((noinline)) double twice_sin(double x) { return 2 * __builtin_sin(x); }
            double k(double x) {
              return twice_sin(x) * x; /*HERE*/
            }
            void* __enzyme_augmentfwd(void*, ...);
            double __enzyme_fwdsplit(void*, ...);
            double g(double x) {
              void* tape = __enzyme_augmentfwd((void*)k, x);
              return __enzyme_fwdsplit((void*)k, x, 1.0, tape);
            }
            """, DiagnosticCodes.ForwardSplitUnsupported);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'k'").And.Contain("twice_sin").And.Contain("__enzyme_fwddiff"));
    }

    [Test]
    public void ForwardSplitWithWidth_ENZ1005()
    {
        var failure = Fail("""
            typedef struct { double d[2]; } T2;
            void* __enzyme_augmentfwd(void*, ...);
            T2 __enzyme_fwdsplit(void*, ...);
            T2 g(double x) {
              void* tape = __enzyme_augmentfwd((void*)sq, x);
              return __enzyme_fwdsplit((void*)sq, enzyme_width, 2, x, 1.0, 2.0, tape); /*HERE*/
            }
            """, DiagnosticCodes.InvalidWidth);
        Assert.That(failure.Diagnostic.Message, Does.Contain("width 1 only"));
    }

    // ---- ENZ1003: too few arguments ----

    [Test]
    public void TooFewArguments_ENZ1003()
    {
        var failure = Fail("""
            double d(double x) {
              return __enzyme_fwddiff((void*)mul, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.TooFewArguments);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'__enzyme_fwddiff'").And.Contain("in function 'd'").And.Contain("1 of the 2").And.Contain("'mul'"));
    }

    [Test]
    public void DuplicatedArgumentWithoutItsShadow_ENZ1003()
    {
        var failure = Fail("""
            double d(double x, double y) {
              return __enzyme_fwddiff((void*)mul, x, 1.0, y); /*HERE*/
            }
            """, DiagnosticCodes.TooFewArguments);
        Assert.That(failure.Diagnostic.Message, Does.Contain("parameter 2").And.Contain("'mul'").And.Contain("in function 'd'"));
    }

    // ---- ENZ1004: marker without its value ----

    [Test]
    public void MarkerAsTheLastArgument_ENZ1004()
    {
        var failure = Fail("""
            double d(double x) {
              return __enzyme_fwddiff((void*)mul, x, 1.0, enzyme_const); /*HERE*/
            }
            """, DiagnosticCodes.MarkerWithoutValue);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_const").And.Contain("parameter 2").And.Contain("'mul'").And.Contain("in function 'd'"));
    }

    [Test]
    public void MarkerFollowedByAnotherMarker_ENZ1004()
    {
        var failure = Fail("""
            double d(double x, double y) {
              return __enzyme_fwddiff((void*)mul, enzyme_const, enzyme_dup, x, 1.0, y, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.MarkerWithoutValue);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_const").And.Contain("followed by marker enzyme_dup").And.Contain("in function 'd'"));
    }

    // ---- ENZ1005: enzyme_width ----

    [Test]
    public void WidthNotAConstant_ENZ1005()
    {
        var failure = Fail("""
            typedef struct { double d[2]; } T2;
            T2 __enzyme_fwddiff2(void*, ...);
            T2 d(double x, int n) {
              return __enzyme_fwddiff2((void*)sq, enzyme_width, n, x, 1.0, 2.0); /*HERE*/
            }
            """, DiagnosticCodes.InvalidWidth);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_width").And.Contain("constant integer").And.Contain("'__enzyme_fwddiff2'"));
    }

    [Test]
    public void WidthAfterTheArguments_ENZ1005()
    {
        var failure = Fail("""
            typedef struct { double d[2]; } T2;
            T2 __enzyme_fwddiff2(void*, ...);
            T2 d(double x, double y) {
              return __enzyme_fwddiff2((void*)mul, x, 1.0, enzyme_width, 2, y, 1.0, 2.0); /*HERE*/
            }
            """, DiagnosticCodes.InvalidWidth);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_width").And.Contain("before the arguments of 'mul'"));
    }

    [TestCase(0)]
    [TestCase(65)]
    public void WidthOutOfRange_ENZ1005(int width)
    {
        var failure = Fail($$"""
            double d(double x) {
              return __enzyme_fwddiff((void*)sq, enzyme_width, {{width}}, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.InvalidWidth);
        Assert.That(failure.Diagnostic.Message, Does.Contain($"enzyme_width {width}").And.Contain("out of range"));
    }

    // ---- ENZ1006: unknown marker ----

    [Test]
    public void UnknownMarker_ENZ1006()
    {
        var failure = Fail("""
            double d(double x) {
              return __enzyme_fwddiff((void*)sq, enzyme_foo, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.UnknownMarker);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'enzyme_foo'").And.Contain("in function 'd'"));
    }

    // ---- ENZ1007: not a function ----

    [Test]
    public void FirstArgumentLoadedFromMemory_ENZ1007()
    {
        var failure = Fail("""
            double (*chosen)(double) = sq;
            double d(double x) {
              return __enzyme_fwddiff((void*)chosen, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.NotAFunction);
        Assert.That(failure.Diagnostic.Message, Does.Contain("first argument").And.Contain("not a known function").And.Contain("in function 'd'"));
    }

    [Test]
    public void FunctionWithoutABody_ENZ1007()
    {
        var failure = Fail("""
            double elsewhere(double);
            double d(double x) {
              return __enzyme_fwddiff((void*)elsewhere, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.NotAFunction);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'elsewhere'").And.Contain("no body").And.Contain("in function 'd'"));
    }

    [Test]
    public void CallWithoutAnyArgument_ENZ1007()
    {
        string input = _directory.Write("noargs.ll", """
            declare double @__enzyme_fwddiff(...)
            define double @d() {
              %r = call double (...) @__enzyme_fwddiff()
              ret double %r
            }
            """);
        var failure = EnzymeErrorCase.Fail(_directory, input, DiagnosticCodes.NotAFunction);
        Assert.That(failure.Diagnostic.Message, Does.Contain("no arguments").And.Contain("in function 'd'"));
    }

    // ---- ENZ1008: too many arguments ----

    [Test]
    public void TooManyArguments_ENZ1008()
    {
        var failure = Fail("""
            double d(double x) {
              return __enzyme_fwddiff((void*)sq, x, 1.0, 2.0, 3.0); /*HERE*/
            }
            """, DiagnosticCodes.TooManyArguments);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'sq'").And.Contain("(1)").And.Contain("in function 'd'"));
    }

    // ---- ENZ1009: marker of another mode ----

    [Test]
    public void EnzymeOutInForwardMode_ENZ1009()
    {
        var failure = Fail("""
            double d(double x) {
              return __enzyme_fwddiff((void*)sq, enzyme_out, x); /*HERE*/
            }
            """, DiagnosticCodes.MarkerNotValidInMode);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_out").And.Contain("forward mode").And.Contain("enzyme_dup"));
    }

    [Test]
    public void TapeMarkerInForwardMode_ENZ1009()
    {
        var failure = Fail("""
            double d(double x) {
              return __enzyme_fwddiff((void*)sq, enzyme_tape, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.MarkerNotValidInMode);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_tape").And.Contain("in function 'd'"));
    }

    [TestCase("enzyme_nofree")]
    [TestCase("enzyme_primal_return")]
    [TestCase("enzyme_noret")]
    [TestCase("enzyme_runtime_activity")]
    [TestCase("enzyme_vector")]
    [TestCase("enzyme_scalar")]
    [TestCase("enzyme_interleave")]
    public void MarkerThisEngineDoesNotImplement_ENZ1009(string marker)
    {
        var failure = Fail($$"""
            extern int {{marker}};
            double d(double x) {
              return __enzyme_fwddiff((void*)sq, {{marker}}, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.MarkerNotValidInMode);
        Assert.That(failure.Diagnostic.Message, Does.Contain(marker).And.Contain("not supported by this engine"));
    }

    // ---- ENZ1010: argument type ----

    [Test]
    public void PointerPassedForADouble_ENZ1010()
    {
        var failure = Fail("""
            double d(double *p) {
              return __enzyme_fwddiff((void*)sq, p, p); /*HERE*/
            }
            """, DiagnosticCodes.ArgumentTypeMismatch);
        Assert.That(failure.Diagnostic.Message, Does.Contain("parameter 1").And.Contain("ptr").And.Contain("double").And.Contain("in function 'd'"));
    }

    // ---- ENZ1011: result type ----

    [Test]
    public void StructResultWithWidthOne_ENZ1011()
    {
        var failure = Fail("""
            typedef struct { double a, b; } T2;
            T2 __enzyme_fwddiff2(void*, ...);
            T2 d(double x) {
              return __enzyme_fwddiff2((void*)sq, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.ReturnTypeMismatch);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'__enzyme_fwddiff2'").And.Contain("declared to return").And.Contain("double"));
    }

    [Test]
    public void WidthTwoDeclaredWithThreeElements_ENZ1011()
    {
        var failure = Fail("""
            typedef struct { double d[3]; } T3;
            T3 __enzyme_fwddiff3(void*, ...);
            T3 d(double x) {
              return __enzyme_fwddiff3((void*)sq, enzyme_width, 2, x, 1.0, 2.0); /*HERE*/
            }
            """, DiagnosticCodes.ReturnTypeMismatch);
        Assert.That(failure.Diagnostic.Message, Does.Contain("2 tangents").And.Contain("'__enzyme_fwddiff3'"));
    }

    [Test]
    public void ResultOfAnIntegerFunctionUsed_ENZ1011()
    {
        var failure = Fail("""
            int to_int(double x) { return (int)x; }
            double d(double x) {
              return __enzyme_fwddiff((void*)to_int, x, 1.0); /*HERE*/
            }
            """, DiagnosticCodes.ReturnTypeMismatch);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'to_int'").And.Contain("i32").And.Contain("is used"));
    }

    // ---- Without -g the message says how to get the line ----

    [Test]
    public void WithoutDebugInfoTheMessageAsksForG()
    {
        string input = _directory.Write("nodebug.ll", """
            declare double @__enzyme_fwddiff(ptr, ...)
            define double @sq(double %x) {
              %r = fmul double %x, %x
              ret double %r
            }
            define double @d(double %x) {
              %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @sq, double %x, double 1.0, double 2.0, double 3.0)
              ret double %r
            }
            """);
        var failure = EnzymeErrorCase.Fail(_directory, input, DiagnosticCodes.TooManyArguments);
        Assert.That(failure.Line, Does.StartWith("enzyme-ad: error ENZ1008: "));
        Assert.That(failure.Diagnostic.Message, Does.Contain("compile with -g"));
    }
}
