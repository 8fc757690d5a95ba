namespace Rosenbrock;

/// <summary>
/// Minimises the 1000-dimensional Rosenbrock function with L-BFGS, using the native value and
/// the Enzyme-generated native gradient. Exit code 0 only if the gradient agrees with a finite
/// difference and the optimiser reaches the minimum.
/// </summary>
public static class Program
{
    private const int Dimension = 1000;

    /// <summary>An interior component, so its partial derivative involves both neighbouring terms.</summary>
    private const int CheckedComponent = 501;

    /// <summary>
    /// Balances the central difference's truncation error (~h²·f''') against rounding
    /// (~ε·f/h, with f ≈ 2.5e5 at the start point).
    /// </summary>
    private const double FiniteDifferenceStep = 1e-5;

    private const double GradientCheckTolerance = 1e-6;
    private const double TargetValue = 1e-10;
    private const double SolutionTolerance = 1e-6;
    private const int ReportEvery = 10;

    public static int Main()
    {
        double[] x = RosenbrockProblem.StandardStart(Dimension);
        bool gradientAgrees = CheckGradient(x);

        Console.WriteLine($"L-BFGS (m = 10, strong Wolfe line search) on Rosenbrock, N = {Dimension}");
        Console.WriteLine($"{"iter",6} {"f",24} {"|g|",12}");
        var optimizer = new Lbfgs(new LbfgsOptions { HistorySize = 10 });
        LbfgsResult result = optimizer.Minimize(RosenbrockProblem.ValueAndGradient, x, step =>
        {
            if (step.Iteration % ReportEvery == 0)
            {
                Console.WriteLine($"{step.Iteration,6} {step.Value,24:E15} {step.GradientNorm,12:E3}");
            }
        });

        double largestError = 0.0;
        foreach (double component in x)
        {
            largestError = Math.Max(largestError, Math.Abs(component - 1.0));
        }
        Console.WriteLine(
            $"final: {result.StopReason} after {result.Iterations} iterations, {result.Evaluations} evaluations; " +
            $"f = {result.Value:E3}, |g| = {result.GradientNorm:E3}, max |x_i - 1| = {largestError:E3}");

        bool converged = result.Converged && result.Value < TargetValue && largestError < SolutionTolerance;
        Console.WriteLine(converged ? "minimum found: f < 1e-10, x = (1, ..., 1)" : "FAILED: the minimum was not reached");
        return gradientAgrees && converged ? 0 : 1;
    }

    /// <summary>Compares one component of the Enzyme gradient with a central finite difference.</summary>
    private static bool CheckGradient(double[] x)
    {
        var gradient = new double[x.Length];
        RosenbrockProblem.ValueAndGradient(x, gradient);
        double reference = CentralDifference.Partial(RosenbrockProblem.Value, x, CheckedComponent, FiniteDifferenceStep);
        double relativeError = Math.Abs(gradient[CheckedComponent] - reference) / Math.Max(Math.Abs(reference), double.Epsilon);
        bool agrees = relativeError < GradientCheckTolerance;
        Console.WriteLine(
            $"gradient check at x0, component {CheckedComponent}: enzyme {gradient[CheckedComponent]:R}, " +
            $"central difference {reference:R}, relative error {relativeError:E2} {(agrees ? "(ok)" : "(FAILED)")}");
        return agrees;
    }
}
