using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Tests.Frontend;
using Enzyme.Engine.Tests.Support;

namespace Enzyme.Engine.Tests.Modes;

/// <summary>Constructs reverse mode does not handle yet: each is its ENZ3xxx error at the source line, never a wrong gradient.</summary>
public sealed class ReverseModeErrorTests
{
    private const string Prelude = """
        #include <stdlib.h>
        extern int enzyme_dup, enzyme_const, enzyme_out;
        double __enzyme_autodiff(void*, ...);

        """;

    private TemporaryDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = new TemporaryDirectory();

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    private EnzymeErrorCase.Failure Fail(string body, string code, params string[] clangArguments) =>
        EnzymeErrorCase.CompileAndFail(_directory, "body", Prelude + body, code, clangArguments);

    [Test]
    public void IrreducibleLoop_ENZ3001()
    {
        // Two entries into one cycle: a goto into the middle of the loop.
        var failure = Fail("""
            double f(double x, int n) {
              int i = 0;
              double s = x;
              if (n > 3) goto middle;
            top:
              s = s * x; /*HERE*/
            middle:
              s = s + 1.0;
              if (++i < n) goto top;
              return s;
            }
            double g(double x, int n) { return __enzyme_autodiff((void*)f, x, enzyme_const, n); }
            """, DiagnosticCodes.IrreducibleControlFlow, "-O0");
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("irreducible"));
    }

    [Test]
    public void CallToAFunctionWithOnlyAForwardRule_ENZ3002()
    {
        var failure = Fail("""
            __attribute__((noinline)) double sq(double x) { return x * x; }
            double sq_fwd(double x, double dx) { return 2 * x * dx; }
            void* __enzyme_register_derivative_sq[2] = {(void*)sq, (void*)sq_fwd};
            double f(double x) { return sq(x) + x; /*HERE*/ }
            double g(double x) { return __enzyme_autodiff((void*)f, x); }
            """, DiagnosticCodes.CallNotInlined, "-O0");
        Assert.That(failure.Diagnostic.Message, Does.Contain("'sq'").And.Contain("custom forward derivative"));
    }

    [Test]
    public void RecursiveCallReturningAStructOfPointers_ENZ3002()
    {
        // The recursion cannot be inlined, and a call returns the shadow of a plain pointer only.
        var failure = Fail("""
            typedef struct { double* lo; double* hi; } span;
            span halve(double* x, int n) {
              if (n <= 2) { span s = { x, x + n }; return s; }
              return halve(x + 1, n - 1);
            }
            double f(double* x, int n) { span s = halve(x, n); /*HERE*/ return *s.lo * *(s.hi - 1); }
            void g(double* x, double* dx) { __enzyme_autodiff((void*)f, x, dx, enzyme_const, 5); }
            """, DiagnosticCodes.CallNotInlined, "-O0");
        Assert.That(failure.Diagnostic.Message, Does.Contain("'halve'").And.Contain("struct holding pointers"));
    }

    [Test]
    public void CustomGradientWithTheWrongParameters_ENZ2006()
    {
        // The reverse function forgets the shadow of x: the engine names the parameters it needs.
        var failure = Fail("""
            __attribute__((noinline)) double sum(const double* x, int n) { double s = 0; for (int i = 0; i < n; i++) s += x[i]; return s; }
            double sum_aug(const double* x, const double* dx, int n) { return sum(x, n); }
            void sum_rev(const double* x, int n, double d) { }
            void* __enzyme_register_gradient_sum[3] = {(void*)sum, (void*)sum_aug, (void*)sum_rev};
            double f(const double* x) { return sum(x, 3) * 2.0; /*HERE*/ }
            void g(const double* x, double* dx) { __enzyme_autodiff((void*)f, enzyme_dup, x, dx); }
            """, DiagnosticCodes.InvalidCustomRule, "-O0");
        Assert.That(failure.Diagnostic.Message, Does.Contain("'sum'").And.Contain("'sum_rev'").And.Contain("ptr d_x0"));
    }

    [Test]
    public void CustomGradientThatIsNotThreeFunctions_ENZ2006()
    {
        var failure = Fail("""
            double sq(double x) { return x * x; }
            void* __enzyme_register_gradient_sq[2] = {(void*)sq, (void*)sq};
            double g(double x) { return __enzyme_autodiff((void*)sq, x); }
            """, DiagnosticCodes.InvalidCustomRule, "-O0");
        Assert.That(failure.Diagnostic.Message, Does.Contain("three functions"));
    }

    [Test]
    public void SetjmpInTheDifferentiatedFunction_ENZ2008()
    {
        // A longjmp back into f would replay part of the forward sweep behind the gradient's back.
        var failure = Fail("""
            #include <setjmp.h>
            static jmp_buf env;
            __attribute__((noinline)) void bail(double v) { if (v > 1.0) longjmp(env, 1); }
            double f(double x) {
              double y = x * x;
              if (setjmp(env) == 0) { /*HERE*/
                bail(y);
                y = y * 3.0;
              }
              return y;
            }
            double g(double x) { return __enzyme_autodiff((void*)f, x); }
            """, DiagnosticCodes.ReturnsTwice, "-O2");
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("setjmp"));
    }

    [Test]
    public void WidthTwoDeclaredWithOneAdjoint_ENZ1011()
    {
        var failure = Fail("""
            extern int enzyme_width;
            double sq(double x) { return x * x; }
            double g(double x) { return __enzyme_autodiff((void*)sq, enzyme_width, 2, x); /*HERE*/ }
            """, DiagnosticCodes.ReturnTypeMismatch);
        Assert.That(failure.Diagnostic.Message, Does.Contain("{ double, double }").And.Contain("2 adjoints per enzyme_out argument"));
    }

    [Test]
    public void WidthInSplitCall_ENZ1005()
    {
        var failure = Fail("""
            extern int enzyme_width;
            void* __enzyme_augmentfwd(void*, ...);
            double sq(double x) { return x * x; }
            void* g(double x) { return __enzyme_augmentfwd((void*)sq, enzyme_width, 2, x); /*HERE*/ }
            """, DiagnosticCodes.InvalidWidth);
        Assert.That(failure.Diagnostic.Message, Does.Contain("not by the split calls"));
    }

    [Test]
    public void DuplicatedScalar_ENZ1009()
    {
        var failure = Fail("""
            double sq(double x) { return x * x; }
            double g(double x, double dx) { return __enzyme_autodiff((void*)sq, enzyme_dup, x, dx); /*HERE*/ }
            """, DiagnosticCodes.MarkerNotValidInMode);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_out"));
    }

    [TestCase("-O0")]
    [TestCase("-O2")]
    public void AtomicMultiplyOfADouble_IsACompareAndSwapLoopTheEngineRefuses_ENZ2011(string level)
    {
        // C11 `*p *= x` on an _Atomic double is a cmpxchg loop on the bits; only add and subtract loops
        // become atomicrmw. Before, reverse mode dropped the derivative through the integer bits.
        var failure = Fail("""
            double f(_Atomic double* p, double x) {
              *p *= x; /*HERE*/
              return 0.0;
            }
            void g(double* p, double* dp, double x) { __enzyme_autodiff((void*)f, enzyme_dup, p, dp, x); }
            """, DiagnosticCodes.AtomicNotDifferentiable, level);
        Assert.That(failure.Diagnostic.Message, Does.Contain("'f'").And.Contain("compare-and-swap").And.Contain("__atomic_fetch_add"));
    }

    // ---- ENZ1017: vector reverse mode (enzyme_width N with __enzyme_autodiff) ----

    [Test]
    public void VectorReverseThroughAnActiveGlobal_ENZ1017()
    {
        var failure = Fail("""
            extern int enzyme_width;
            double scratch;
            void f(const double* x, double* y) { scratch = x[0] * x[0]; y[0] = scratch * x[1]; }
            void g(double* x, double* y, double* dx0, double* dx1, double* dy0, double* dy1) {
              __enzyme_autodiff((void*)f, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_dup, y, dy0, dy1); /*HERE*/
            }
            """, DiagnosticCodes.VectorReverseUnsupported, "-O1");
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_width 2").And.Contain("'f'").And.Contain("global").And.Contain("once per seed"));
    }

    [Test]
    public void VectorReverseThroughARecursiveCall_ENZ1017()
    {
        var failure = Fail("""
            extern int enzyme_width;
            double power(double x, int n) { return n == 0 ? 1.0 : x * power(x, n - 1); }
            void f(const double* x, double* y) { y[0] = power(x[0], 3); }
            void g(double* x, double* y, double* dx0, double* dx1, double* dy0, double* dy1) {
              __enzyme_autodiff((void*)f, enzyme_width, 2, enzyme_dup, x, dx0, dx1, enzyme_dup, y, dy0, dy1); /*HERE*/
            }
            """, DiagnosticCodes.VectorReverseUnsupported);
        Assert.That(failure.Diagnostic.Message, Does.Contain("enzyme_width 2").And.Contain("'f'").And.Contain("reverse_power").And.Contain("once per seed"));
    }
}
