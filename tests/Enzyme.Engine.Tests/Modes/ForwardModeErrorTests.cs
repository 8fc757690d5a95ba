using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Tests.Frontend;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>
/// One test per ENZ2xxx error of forward mode: the function body cannot be differentiated.
/// Each must be an <see cref="EnzymeException"/> with its code at the offending source line,
/// never a crash, and must leave no output behind (checked by <see cref="EnzymeErrorCase"/>).
/// </summary>
public sealed class ForwardModeErrorTests
{
    private const string Prelude = """
        extern int enzyme_dup, enzyme_const;
        double __enzyme_fwddiff(void*, ...);
        double sq(double x) { return x * x; }

        """;

    private TemporaryDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private EnzymeErrorCase.Failure Fail(string body, string code, params string[] clangArguments) =>
        EnzymeErrorCase.CompileAndFail(_directory, "body", Prelude + body, code, clangArguments);

    private EnzymeErrorCase.Failure FailIr(string ir, string code) =>
        EnzymeErrorCase.Fail(_directory, _directory.Write("body.ll", ir), code);

    // ---- ENZ2001: unknown external function ----

    [Test]
    public void UnknownExternalFunctionWithActiveArguments_ENZ2001()
    {
        var failure = Fail("""
            extern double mystery(double);
            double f(double x) {
              double y = 2.0 * x;
              return mystery(y) + 1.0; /*HERE*/
            }
            double d(double x) { return __enzyme_fwddiff((void*)f, x, 1.0); }
            """, DiagnosticCodes.UnknownFunction);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f' calls 'mystery'")
            .And.Contain("__enzyme_register_derivative_mystery")
            .And.Contain("__enzyme_inactivefn"));
    }

    [Test]
    public void UnknownExternalFunctionInACallee_ENZ2001()
    {
        var failure = Fail("""
            extern double mystery(double);
            double helper(double x) {
              return mystery(x); /*HERE*/
            }
            double f(double x) { return helper(x) * x; }
            double d(double x) { return __enzyme_fwddiff((void*)f, x, 1.0); }
            """, DiagnosticCodes.UnknownFunction);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'helper' calls 'mystery'"));
    }

    // ---- ENZ2002: unsupported instruction ----

    [Test]
    public void VaArgOfADoubleFromADuplicatedVaList_ENZ2002()
    {
        var failure = FailIr("""
            declare double @__enzyme_fwddiff(ptr, ...)
            define double @f(ptr %ap, double %x) {
              %v = va_arg ptr %ap, double
              %r = fmul double %v, %x
              ret double %r
            }
            define double @d(ptr %ap, ptr %dap, double %x) {
              %r = call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %ap, ptr %dap, double %x, double 1.0)
              ret double %r
            }
            """, DiagnosticCodes.UnsupportedInstruction);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("'vaarg'"));
    }

    [Test]
    public void CmpxchgOfActiveBits_ENZ2011()
    {
        var failure = FailIr("""
            declare double @__enzyme_fwddiff(ptr, ...)
            define void @f(ptr %p, double %x) {
              %y = fmul double %x, %x
              %bits = bitcast double %y to i64
              %pair = cmpxchg ptr %p, i64 0, i64 %bits seq_cst seq_cst
              ret void
            }
            define void @d(ptr %p, ptr %dp, double %x) {
              call double (ptr, ...) @__enzyme_fwddiff(ptr @f, ptr %p, ptr %dp, double %x, double 1.0)
              ret void
            }
            """, DiagnosticCodes.AtomicNotDifferentiable);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("compare-and-swap").And.Contain("__atomic_fetch_add"));
    }

    // ---- ENZ2003: active write into memory without a shadow ----

    [Test]
    public void ActiveValueWrittenThroughAnEnzymeConstPointer_ENZ2003()
    {
        var failure = Fail("""
            void f(double *out, double x) {
              *out = x * x; /*HERE*/
            }
            void d(double *out, double x) { __enzyme_fwddiff((void*)f, enzyme_const, out, x, 1.0); }
            """, DiagnosticCodes.ActiveWriteToConstantMemory);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("enzyme_dup"));
    }

    [Test]
    public void TheConstPointerIsNamedInTheMessage_ENZ2003()
    {
        var failure = Fail("""
            void f(double *out, double x) {
              *out = x * x; /*HERE*/
            }
            void d(double *out, double x) { __enzyme_fwddiff((void*)f, enzyme_const, out, x, 1.0); }
            """, DiagnosticCodes.ActiveWriteToConstantMemory);
        // Clang discards IR value names; the name is still in the debug info (or use the position).
        Assert.That(failure.Diagnostic.Message, Does.Not.Contain("parameter ''"));
        Assert.That(failure.Diagnostic.Message, Does.Contain("'out'").Or.Contain("parameter 1"));
    }

    // ---- ENZ2004: indirect call ----

    [Test]
    public void IndirectCallThroughAFunctionPointerFromOutsideTheModule_ENZ2004()
    {
        // No function of type double(double, int) has its address taken here: the pointer comes from code
        // the engine does not see. (A pointer to a function of the module is differentiated: IndirectCallTests.)
        var failure = Fail("""
            double apply(double (*g)(double, int), double x) {
              return g(x, 2); /*HERE*/
            }
            double d(double (*g)(double, int), double x) { return __enzyme_fwddiff((void*)apply, enzyme_const, g, x, 1.0); }
            """, DiagnosticCodes.IndirectCall, "-O0");
        Assert.That(failure.Diagnostic.Message, Does.Contain("'apply'").And.Contain("through a pointer").And.Contain("no function of the module has that type"));
    }

    // ---- ENZ2005: inline assembly ----

    [Test]
    public void InlineAssemblyOnAnActiveValue_ENZ2005()
    {
        var failure = Fail("""
            double f(double x) {
              double r;
              __asm__("movapd %1, %0" : "=x"(r) : "x"(x)); /*HERE*/
              return r;
            }
            double d(double x) { return __enzyme_fwddiff((void*)f, x, 1.0); }
            """, DiagnosticCodes.InlineAssembly);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("inline assembly"));
    }

    // ---- ENZ2006: malformed custom derivative ----

    [Test]
    public void CustomDerivativeWithTheWrongParameterCount_ENZ2006()
    {
        var failure = Fail("""
            double g(double x) { return x * x; }
            double g_fwd(double x) { return 2.0 * x; }
            void *__enzyme_register_derivative_g[2] = { (void*)g, (void*)g_fwd };
            double f(double x) {
              return g(x) + 1.0; /*HERE*/
            }
            double d(double x) { return __enzyme_fwddiff((void*)f, x, 1.0); }
            """, DiagnosticCodes.InvalidCustomRule);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'g_fwd'").And.Contain("'g'").And.Contain("2 parameters"));
    }

    [Test]
    public void RegistrationThatIsNotAPair_ENZ2006()
    {
        var failure = Fail("""
            double g(double x) { return x * x; }
            void *__enzyme_register_derivative_g[1] = { (void*)g };
            double d(double x) { return __enzyme_fwddiff((void*)g, x, 1.0); }
            """, DiagnosticCodes.InvalidCustomRule);
        Assert.That(failure.Diagnostic.Message, Does.Contain("__enzyme_register_derivative_g").And.Contain("two functions"));
    }

    // ---- Sanity: the same shapes without the problem succeed ----

    [Test]
    public void TheFixesSuggestedByTheMessagesWork()
    {
        string source = Prelude + """
            extern double mystery(double);
            double mystery_fwd(double x, double dx) { return 3.0 * dx; }
            void *__enzyme_register_derivative_mystery[2] = { (void*)mystery, (void*)mystery_fwd };
            double f(double x) { return mystery(2.0 * x) + 1.0; }
            void g(double *out, double x) { *out = x * x; }
            double d(double x) { return __enzyme_fwddiff((void*)f, x, 1.0); }
            void dg(double *out, double *dout, double x) { __enzyme_fwddiff((void*)g, enzyme_dup, out, dout, x, 1.0); }
            """;
        string bitcode = ClangCompiler.CompileToBitcode(_directory, "fixed", source);
        string output = _directory.File("fixed.o");
        var run = Cli.EnzymeAdRun.Invoke(bitcode, "-o", output);
        Assert.That(run.ExitCode, Is.Zero, run.StandardError);
        Assert.That(File.Exists(output), Is.True);
    }
}
