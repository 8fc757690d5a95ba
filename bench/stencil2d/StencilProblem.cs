using Bench.Stencil2d.Native;

namespace Bench.Stencil2d;

/// <summary>The grid, the step count and the initial field, with scratch buffers for the native side.</summary>
public sealed class StencilProblem
{
    /// <summary>Below the explicit scheme's stability limit of 0.25.</summary>
    public const double Kappa = 0.2;

    public required int Size { get; init; }
    public required int Steps { get; init; }
    public required double[] InitialField { get; init; }

    /// <summary>A few smooth modes plus noise, so the gradient has structure at every scale.</summary>
    public static StencilProblem Generate(int size, int steps, int seed)
    {
        var random = new Random(seed);
        var field = new double[size * size];
        for (int i = 0; i < size; ++i)
        {
            for (int j = 0; j < size; ++j)
            {
                double x = (double)i / size, y = (double)j / size;
                field[i * size + j] = Math.Sin(3.0 * Math.PI * x) * Math.Cos(2.0 * Math.PI * y) + 0.3 * (random.NextDouble() - 0.5);
            }
        }
        return new StencilProblem { Size = size, Steps = steps, InitialField = field };
    }

    /// <summary>The loss for a given initial field (untimed; for the finite-difference check).</summary>
    public unsafe double Loss(double[] field)
    {
        var a = new double[field.Length];
        var b = new double[field.Length];
        fixed (double* u0 = field, pa = a, pb = b)
        {
            return StencilNative.heat_loss(u0, pa, pb, Size, Steps, Kappa);
        }
    }

    /// <summary>Times one tool; returns seconds per call, the gradient (tools 1, 2) and the loss (tool 0).</summary>
    public unsafe (double Seconds, double[] Gradient, double Loss) Time(StencilTool tool)
    {
        int cells = Size * Size;
        double[] a = new double[cells], b = new double[cells], da = new double[cells], db = new double[cells], gradient = new double[cells];
        double loss = double.NaN, seconds;
        fixed (double* u0 = InitialField, pa = a, pb = b, pda = da, pdb = db, g = gradient)
        {
            seconds = StencilNative.heat_time((int)tool, u0, pa, pb, pda, pdb, g, &loss, Size, Steps, Kappa);
        }
        if (seconds < 0.0)
        {
            throw new InvalidOperationException($"heat_time does not know tool {tool}.");
        }
        return (seconds, gradient, loss);
    }
}
