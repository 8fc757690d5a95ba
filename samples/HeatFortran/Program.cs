using System.Globalization;
using HeatFortran.Native;

// The loss of a Fortran heat-equation solve and its gradient with respect to the initial
// profile and the diffusivity, computed by the Enzyme-derived heat_loss_gradient, checked
// against central finite differences of the Fortran primal.
const int points = 32;
const int steps = 200;
const double finiteDifferenceStep = 1e-6;
const double tolerance = 1e-6;

var initial = new double[points];
var target = new double[points];
for (int i = 0; i < points; i++)
{
    double x = (i + 1.0) / (points + 1);
    initial[i] = Math.Sin(Math.PI * x) + 0.3 * Math.Sin(3 * Math.PI * x);
    target[i] = 0.5 * Math.Sin(Math.PI * x);
}
double kappa = 0.8;

double Loss(double[] profile, double diffusivity)
{
    double loss = 0;
    Heat.heat_loss(points, steps, profile, [diffusivity], target, new Span<double>(ref loss));
    return loss;
}

var initialGradient = new double[points];
double kappaGradient = 0;
double primal = 0;
double seed = 1.0;
Heat.heat_loss_gradient(points, steps, initial, initialGradient, [kappa], new Span<double>(ref kappaGradient),
    target, new Span<double>(ref primal), new Span<double>(ref seed));

double loss = Loss(initial, kappa);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"heat loss after {steps} steps: {loss:R}"));

// Relative error against max(|expected|, 1), as the corpus checks do.
double worst = 0;
for (int i = 0; i < points; i++)
{
    double saved = initial[i];
    initial[i] = saved + finiteDifferenceStep;
    double plus = Loss(initial, kappa);
    initial[i] = saved - finiteDifferenceStep;
    double minus = Loss(initial, kappa);
    initial[i] = saved;
    worst = Math.Max(worst, RelativeError(initialGradient[i], (plus - minus) / (2 * finiteDifferenceStep)));
}
double kappaDifference = (Loss(initial, kappa + finiteDifferenceStep) - Loss(initial, kappa - finiteDifferenceStep)) / (2 * finiteDifferenceStep);
worst = Math.Max(worst, RelativeError(kappaGradient, kappaDifference));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dloss/dkappa: {kappaGradient:R} (finite difference {kappaDifference:R})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dloss/du0[0..3]: {initialGradient[0]:R} {initialGradient[1]:R} {initialGradient[2]:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"largest relative gradient error: {worst:E2}"));
if (worst > tolerance)
{
    Console.Error.WriteLine("gradient check FAILED");
    return 1;
}
Console.WriteLine("gradient check passed");
return 0;

static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1.0);
