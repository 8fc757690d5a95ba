using DistributedHeat.Native;

namespace DistributedHeat;

/// <summary>
/// The inverse problem on this rank's slice: a conductivity that varies along the rod, and the target made by
/// stepping a known initial bump with the native model. <see cref="Misfit"/> is J (the same on every rank),
/// <see cref="Gradient"/> this rank's part of dJ/du0 and dJ/dkappa (every rank must call both together).
/// </summary>
public sealed class HeatProblem
{
    private readonly double[] _target;

    public HeatProblem(RodSlice rod, int steps)
    {
        Rod = rod;
        Steps = steps;
        Kappa = rod.Sample(g => 1.0 + 0.5 * Math.Sin(2 * Math.PI * rod.Position(g)));
        double[] truth = rod.Sample(g => Math.Exp(-60 * Math.Pow(rod.Position(g) - 0.4, 2)));
        _target = new double[rod.Count];
        HeatModel.heat_final_state(truth, Kappa, _target, rod.Count, rod.Left, rod.Right, steps);
    }

    public RodSlice Rod { get; }

    public int Steps { get; }

    /// <summary>This rank's conductivities (the finite-difference check perturbs them in place).</summary>
    public double[] Kappa { get; }

    /// <summary>J = 1/2 sum over all cells of (u_T - target)^2.</summary>
    public double Misfit(double[] u0) =>
        HeatModel.heat_mpi_sum(HeatModel.heat_local_misfit(u0, Kappa, _target, Rod.Count, Rod.Left, Rod.Right, Steps));

    /// <summary>dJ/du0 and dJ/dkappa on this rank's cells, from the differentiated native model.</summary>
    public (double[] Du0, double[] Dkappa) Gradient(double[] u0)
    {
        double[] du0 = new double[Rod.Count], dkappa = new double[Rod.Count];
        HeatModel.heat_local_misfit_grad(u0, du0, Kappa, dkappa, _target, Rod.Count, Rod.Left, Rod.Right, Steps);
        return (du0, dkappa);
    }
}
