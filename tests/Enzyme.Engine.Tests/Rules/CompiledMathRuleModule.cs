using Enzyme.Llvm;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>
/// The JIT-compiled functions of one math-rule module (see <see cref="MathRuleModules"/>), called with
/// double arguments: the function, its double reference, and whichever derivative entry points were built.
/// </summary>
internal sealed unsafe class CompiledMathRuleModule
{
    private readonly int _arity;
    private readonly int _lanes;
    private readonly nint _f;
    private readonly nint _reference;
    private readonly nint _df;
    private readonly nint _grad;
    private readonly nint _kernelForward;
    private readonly nint _kernelReverse;

    public CompiledMathRuleModule(LlvmJit jit, MathRuleSpec spec, MathRuleForm form, MathRuleEntryPoints entries)
    {
        _arity = spec.Arity;
        _lanes = form.Lanes;
        _f = jit.GetSymbolAddress("f");
        _reference = jit.GetSymbolAddress("reference");
        nint Lookup(MathRuleEntryPoints entry, string name) => entries.HasFlag(entry) ? jit.GetSymbolAddress(name) : 0;
        _df = Lookup(MathRuleEntryPoints.ForwardTangent, "df");
        _grad = Lookup(MathRuleEntryPoints.ReverseGradient, "grad");
        _kernelForward = Lookup(MathRuleEntryPoints.KernelForward, "kernel_fwd");
        _kernelReverse = Lookup(MathRuleEntryPoints.KernelReverse, "kernel_rev");
    }

    /// <summary>Doubles the kernel reads: every argument once per lane.</summary>
    public int KernelInputs => _arity * _lanes;

    /// <summary>Doubles the kernel writes: one per lane.</summary>
    public int KernelOutputs => _lanes;

    /// <summary>
    /// The kernel's argument buffer for one point per lane: argument i of lane k goes to x[i·lanes + k]
    /// (the layout <see cref="MathRuleModules"/> gives the kernel), so adjoint i of lane k is read there too.
    /// </summary>
    public double[] KernelArguments(IReadOnlyList<double[]> pointPerLane)
    {
        Assert.That(pointPerLane, Has.Count.EqualTo(_lanes), "test bug: one point per lane");
        double[] x = new double[KernelInputs];
        for (int lane = 0; lane < _lanes; lane++)
        {
            for (int i = 0; i < _arity; i++)
            {
                x[i * _lanes + lane] = pointPerLane[lane][i];
            }
        }
        return x;
    }

    public double Value(double[] x) => Invoke(_f, x);

    /// <summary>The double-precision version of the same call (twice the scalar for vector forms), for the finite differences.</summary>
    public double Reference(double[] x) => Invoke(_reference, x);

    /// <summary>Central difference of <see cref="Reference"/> in argument <paramref name="index"/>.</summary>
    public double ReferenceDifference(double[] x, int index)
    {
        double h = 1e-6 * Math.Max(1.0, Math.Abs(x[index]));
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[index] += h;
        minus[index] -= h;
        return (Reference(plus) - Reference(minus)) / (plus[index] - minus[index]);
    }

    /// <summary>The reference of one lane: vector forms compute the scalar function in each lane, and their reference is the sum of two.</summary>
    public double LaneReferenceDifference(double[] x, int index) => ReferenceDifference(x, index) / _lanes;

    private double Invoke(nint address, double[] x) => _arity switch
    {
        1 => ((delegate* unmanaged<double, double>)address)(x[0]),
        2 => ((delegate* unmanaged<double, double, double>)address)(x[0], x[1]),
        3 => ((delegate* unmanaged<double, double, double, double>)address)(x[0], x[1], x[2]),
        _ => throw new NotSupportedException(),
    };

    /// <summary>Forward mode of f: the derivative in direction <paramref name="dx"/>.</summary>
    public double Tangent(double[] x, double[] dx) => _arity switch
    {
        1 => ((delegate* unmanaged<double, double, double>)Required(_df))(x[0], dx[0]),
        2 => ((delegate* unmanaged<double, double, double, double, double>)Required(_df))(x[0], dx[0], x[1], dx[1]),
        3 => ((delegate* unmanaged<double, double, double, double, double, double, double>)Required(_df))(x[0], dx[0], x[1], dx[1], x[2], dx[2]),
        _ => throw new NotSupportedException(),
    };

    /// <summary>Reverse mode of f with every argument enzyme_out (seed 1): ∂f/∂x_i for each i.</summary>
    public double[] Gradient(double[] x)
    {
        double[] gradient = new double[_arity];
        nint grad = Required(_grad);
        fixed (double* g = gradient)
        {
            switch (_arity)
            {
                case 1:
                    ((delegate* unmanaged<double, double*, void>)grad)(x[0], g);
                    break;
                case 2:
                    ((delegate* unmanaged<double, double, double*, void>)grad)(x[0], x[1], g);
                    break;
                case 3:
                    ((delegate* unmanaged<double, double, double, double*, void>)grad)(x[0], x[1], x[2], g);
                    break;
                default:
                    throw new NotSupportedException();
            }
        }
        return gradient;
    }

    /// <summary>Forward mode of the kernel: J·dx, one entry per lane.</summary>
    public double[] KernelTangent(double[] x, double[] dx)
    {
        double[] dy = new double[KernelOutputs];
        RunKernel(Required(_kernelForward), x, (double[])dx.Clone(), dy);
        return dy;
    }

    /// <summary>Reverse mode of the kernel with the adjoint seed dy of its outputs: Jᵀ·dy, accumulated into a zeroed dx.</summary>
    public double[] KernelAdjoint(double[] x, double[] dy)
    {
        double[] dx = new double[KernelInputs];
        RunKernel(Required(_kernelReverse), x, dx, (double[])dy.Clone());
        return dx;
    }

    private void RunKernel(nint entry, double[] x, double[] dx, double[] dy)
    {
        Assert.That(x, Has.Length.EqualTo(KernelInputs), "test bug: kernel input count");
        double[] input = (double[])x.Clone();
        double[] output = new double[KernelOutputs];
        fixed (double* px = input, pdx = dx, py = output, pdy = dy)
        {
            ((delegate* unmanaged<double*, double*, double*, double*, void>)entry)(px, pdx, py, pdy);
        }
    }

    private static nint Required(nint entry) =>
        entry != 0 ? entry : throw new InvalidOperationException("test bug: the module was built without this entry point");
}
