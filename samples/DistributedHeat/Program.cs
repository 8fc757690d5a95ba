using System.Globalization;
using DistributedHeat.Native;

namespace DistributedHeat;

/// <summary>
/// Run as <c>mpirun -np 4 dotnet DistributedHeat.dll</c>: every rank holds a slice of a 1-D rod, the native
/// model (native/heat_model.c) steps the heat equation with a halo exchange, and its gradient with respect to
/// the initial condition and the conductivity comes from Enzyme.Sdk. Rank 0 prints the gradient against
/// central finite differences at a few cells, then the misfit during a gradient descent that recovers the
/// initial condition. Exit code 0 only if every check passes, on every rank.
/// </summary>
public static class Program
{
    private const int Cells = 64;
    private const int Steps = 40;
    private const int DescentIterations = 200;
    private const int ReportEvery = 40;
    private const double DescentStep = 1.0;
    private const double FiniteDifferenceStep = 1e-6;
    private const double GradientTolerance = 1e-6;

    public static int Main()
    {
        if (HeatModel.heat_mpi_start() != 0)
        {
            Console.Error.WriteLine("DistributedHeat: MPI_Init failed");
            return 2;
        }
        var rod = RodSlice.Of(Cells, HeatModel.heat_mpi_rank(), HeatModel.heat_mpi_size());
        var problem = new HeatProblem(rod, Steps);
        int failures = CheckGradient(problem);
        failures += RecoverInitialCondition(problem);
        int total = (int)HeatModel.heat_mpi_sum(failures);
        Report(rod, total == 0 ? "DistributedHeat: ok" : $"DistributedHeat: FAILED ({total} checks)");
        HeatModel.heat_mpi_stop();
        return total == 0 ? 0 : 1;
    }

    /// <summary>The gradient at a non-trivial point against central differences of the global misfit, collectively.</summary>
    private static int CheckGradient(HeatProblem problem)
    {
        RodSlice rod = problem.Rod;
        double[] u0 = rod.Sample(g => 0.5 * Math.Sin(0.3 * g));
        (double[] du0, double[] dkappa) = problem.Gradient(u0);
        int failures = 0;
        foreach (int cell in new[] { 0, Cells / 3, Cells / 2, Cells - 1 })
        {
            failures += CheckCell(problem, "u0", cell, u0, du0, u0);
            failures += CheckCell(problem, "kappa", cell, problem.Kappa, dkappa, u0);
        }
        return failures;
    }

    /// <summary>Perturbs <paramref name="field"/> at global <paramref name="cell"/> on the rank that owns it; every rank takes part.</summary>
    private static int CheckCell(HeatProblem problem, string name, int cell, double[] field, double[] derivative, double[] u0)
    {
        RodSlice rod = problem.Rod;
        int local = cell - rod.First;
        bool mine = rod.Owns(cell);
        double saved = mine ? field[local] : 0;
        if (mine) field[local] = saved + FiniteDifferenceStep;
        double plus = problem.Misfit(u0);
        if (mine) field[local] = saved - FiniteDifferenceStep;
        double minus = problem.Misfit(u0);
        if (mine) field[local] = saved;
        double finiteDifference = (plus - minus) / (2 * FiniteDifferenceStep);
        // Every rank learns the owner's derivative, so rank 0 can print it.
        double gradient = HeatModel.heat_mpi_sum(mine ? derivative[local] : 0);
        bool agrees = Math.Abs(gradient - finiteDifference) <= GradientTolerance * Math.Max(1, Math.Abs(finiteDifference));
        Report(rod, string.Create(CultureInfo.InvariantCulture,
            $"dJ/d{name}[{cell,2}] = {gradient,15:F10}   finite differences {finiteDifference,15:F10}   {(agrees ? "ok" : "MISMATCH")}"));
        return mine && !agrees ? 1 : 0;
    }

    /// <summary>Steepest descent on u0 from zero (the misfit is quadratic in u0, so a fixed step converges).</summary>
    private static int RecoverInitialCondition(HeatProblem problem)
    {
        RodSlice rod = problem.Rod;
        double[] u0 = new double[rod.Count];
        double first = problem.Misfit(u0), last = first;
        Report(rod, string.Create(CultureInfo.InvariantCulture, $"descent: iteration {0,3}  misfit {first:0.000e+00}"));
        for (int iteration = 1; iteration <= DescentIterations; iteration++)
        {
            (double[] du0, _) = problem.Gradient(u0);
            for (int i = 0; i < u0.Length; i++)
            {
                u0[i] -= DescentStep * du0[i];
            }
            last = problem.Misfit(u0);
            if (iteration % ReportEvery == 0)
            {
                Report(rod, string.Create(CultureInfo.InvariantCulture, $"descent: iteration {iteration,3}  misfit {last:0.000e+00}"));
            }
        }
        Report(rod, string.Create(CultureInfo.InvariantCulture,
            $"{rod.Size} ranks, {Cells} cells, {Steps} steps: misfit {first:0.000e+00} -> {last:0.000e+00} after {DescentIterations} gradient steps"));
        return last < 1e-3 * first ? 0 : 1;
    }

    private static void Report(RodSlice rod, string line)
    {
        if (rod.Rank == 0)
        {
            Console.WriteLine(line);
        }
    }
}
