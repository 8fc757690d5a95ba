using System.Globalization;
using RustSprings.Native;

// A chain of masses hanging between two anchors. Its energy is Rust (native/springs.rs); the gradient comes from
// three places that must agree: the EnzymeGradient item (chain_energy_gradient), a forward-mode item
// (chain_energy_slope), and __enzyme_autodiff/__enzyme_fwddiff calls written in the Rust crate itself. The program
// checks them against central finite differences of the Rust primal, then relaxes the chain by gradient descent.
const int masses = 24;
const double stiffness = 400.0;
const double restLength = 0.3;
const double span = 6.0;
const double finiteDifferenceStep = 1e-6;
const double tolerance = 1e-6;
nuint count = masses;

var positions = new double[2 * masses];
for (int i = 0; i < masses; i++)
{
    positions[2 * i] = span * i / (masses - 1);
    positions[2 * i + 1] = 0.05 * Math.Sin(1.7 * i);
}

double Energy(double[] p) => Springs.chain_energy(p, count, stiffness, restLength, span);

double[] Gradient(double[] p)
{
    var gradient = new double[p.Length];
    Springs.chain_energy_gradient(p, gradient, count, stiffness, restLength, span);
    return gradient;
}

// 1. The EnzymeGradient item against central differences.
double[] reverse = Gradient(positions);
double worst = 0;
for (int i = 0; i < positions.Length; i++)
{
    double saved = positions[i];
    positions[i] = saved + finiteDifferenceStep;
    double plus = Energy(positions);
    positions[i] = saved - finiteDifferenceStep;
    double minus = Energy(positions);
    positions[i] = saved;
    worst = Math.Max(worst, RelativeError(reverse[i], (plus - minus) / (2 * finiteDifferenceStep)));
}

// 2. The gradient the crate requests itself, and both forward-mode slopes, against the item's gradient.
var fromRust = new double[positions.Length];
Springs.chain_energy_gradient_from_rust(positions, fromRust, count, stiffness, restLength, span);
double rustDifference = reverse.Zip(fromRust, (a, b) => RelativeError(b, a)).Max();
var direction = new double[positions.Length];
for (int i = 0; i < direction.Length; i++)
{
    direction[i] = Math.Cos(0.9 * i);
}
double expectedSlope = reverse.Zip(direction, (g, v) => g * v).Sum();
double slope = Springs.chain_energy_slope(positions, direction, count, stiffness, restLength, span);
double slopeFromRust = Springs.chain_energy_slope_from_rust(positions, direction, count, stiffness, restLength, span);
double slopeDifference = Math.Max(RelativeError(slope, expectedSlope), RelativeError(slopeFromRust, expectedSlope));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"masses: {masses}, energy at the start: {Energy(positions):F6}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gradient vs finite differences: largest relative error {worst:E2}, gradient_error={worst:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"__enzyme_autodiff in Rust vs EnzymeGradient: {rustDifference:E2}, rust_gradient_difference={rustDifference:R}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forward slopes (item, Rust) vs gradient . direction: {slopeDifference:E2}, slope_difference={slopeDifference:R}"));
if (worst > tolerance || rustDifference > 1e-12 || slopeDifference > 1e-10)
{
    Console.Error.WriteLine("gradient check FAILED");
    return 1;
}

// 3. Relax the chain: gradient descent with Barzilai-Borwein steps, halved until the energy falls.
double energy = Energy(positions);
double start = energy;
double step = 1e-4;
double[] gradientNow = reverse;
int iteration = 0;
for (; iteration < 3000 && Norm(gradientNow) > 1e-4; iteration++)
{
    double[] trial;
    double trialEnergy;
    while (true)
    {
        trial = positions.Zip(gradientNow, (p, g) => p - step * g).ToArray();
        trialEnergy = Energy(trial);
        if (trialEnergy <= energy - 1e-4 * step * Dot(gradientNow, gradientNow) || step < 1e-14)
        {
            break;
        }
        step *= 0.5;
    }
    double[] gradientNext = Gradient(trial);
    double[] s = trial.Zip(positions, (a, b) => a - b).ToArray();
    double[] y = gradientNext.Zip(gradientNow, (a, b) => a - b).ToArray();
    double sy = Dot(s, y);
    step = sy > 0 ? Dot(s, s) / sy : 1e-4;
    positions = trial;
    gradientNow = gradientNext;
    energy = trialEnergy;
}
double sag = Enumerable.Range(0, masses).Min(i => positions[2 * i + 1]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relaxed in {iteration} steps: energy {start:F6} -> {energy:F6}, |gradient| {Norm(gradientNow):E2}, lowest mass at y = {sag:F4}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start_energy={start:R} final_energy={energy:R} final_gradient_norm={Norm(gradientNow):R}"));
if (!(energy < start) || Norm(gradientNow) > 1e-3)
{
    Console.Error.WriteLine("relaxation FAILED");
    return 1;
}
Console.WriteLine("gradient check passed");
return 0;

static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1.0);

static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
