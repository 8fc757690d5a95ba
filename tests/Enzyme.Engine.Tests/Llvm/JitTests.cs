using Enzyme.Engine.Tests.Support;
using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Llvm;

public sealed unsafe class JitTests
{
    private const string Source = """
        #include <math.h>
        double damped(double t, double omega) { return exp(-0.5 * t) * sin(omega * t); }
        double sum_squares(const double *x, int n) {
          double s = 0.0;
          for (int i = 0; i < n; ++i) s += x[i] * x[i];
          return s;
        }
        """;

    [Test]
    public void CallsAFunctionCompiledByClangThroughTheJit()
    {
        using var directory = new TemporaryDirectory();
        string bitcode = ClangCompiler.CompileToBitcode(directory, "damped", Source);
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseFile(bitcode);
        using var jit = new LlvmJit();
        jit.AddModule(module);

        var damped = (delegate* unmanaged<double, double, double>)jit.GetSymbolAddress("damped");
        var sumSquares = (delegate* unmanaged<double*, int, double>)jit.GetSymbolAddress("sum_squares");

        foreach (double t in new[] { 0.0, 0.3, 1.7, 4.2 })
        {
            Assert.That(damped(t, 2.5), Is.EqualTo(Math.Exp(-0.5 * t) * Math.Sin(2.5 * t)).Within(1e-15));
        }
        double[] values = [1.5, -2.0, 0.25, 3.0];
        fixed (double* x = values)
        {
            Assert.That(sumSquares(x, values.Length), Is.EqualTo(values.Sum(v => v * v)));
        }
    }

    [Test]
    public void TheCallerKeepsItsModuleAfterAddingIt()
    {
        using var directory = new TemporaryDirectory();
        using var context = new LlvmContext();
        using LlvmModule module = context.ParseFile(ClangCompiler.CompileToBitcode(directory, "damped", Source));
        using var jit = new LlvmJit();
        jit.AddModule(module);

        Assert.That(module.GetFunction("damped"), Is.Not.Null);
        Assert.That(module.Verify(), Is.Null);
    }

    [Test]
    public void LookingUpAMissingSymbolThrows()
    {
        using var jit = new LlvmJit();
        var error = Assert.Throws<LlvmException>(() => jit.GetSymbolAddress("no_such_symbol"));
        Assert.That(error!.Message, Does.Contain("no_such_symbol"));
    }

    [Test]
    public void RunsAFunctionBuiltWithTheIrBuilder()
    {
        using var context = new LlvmContext();
        using LlvmModule module = context.CreateModule("built");
        LlvmType f64 = context.DoubleType;
        LlvmFunction function = module.AddFunction("cubic_plus_one", LlvmType.Function(f64, [f64]));
        using var builder = new LlvmBuilder(context);
        builder.PositionAtEnd(context.AppendBasicBlock(function, "entry"));
        LlvmValue x = function.GetParameter(0);
        LlvmValue cube = builder.FMul(builder.FMul(x, x, "sq"), x, "cube");
        builder.Return(builder.FAdd(cube, LlvmValue.ConstReal(f64, 1.0)));

        Assert.That(module.Verify(), Is.Null);
        using var jit = new LlvmJit();
        jit.AddModule(module);
        var cubicPlusOne = (delegate* unmanaged<double, double>)jit.GetSymbolAddress("cubic_plus_one");
        Assert.That(cubicPlusOne(1.5), Is.EqualTo(1.5 * 1.5 * 1.5 + 1.0));
        Assert.That(cubicPlusOne(-2.0), Is.EqualTo(-7.0));
    }
}
