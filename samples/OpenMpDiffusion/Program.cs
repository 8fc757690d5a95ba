using System.Diagnostics;
using System.Globalization;
using OpenMpDiffusion.Native;

// The loss of an OpenMP-parallel 2-D diffusion solve (native/diffusion.c) and its gradient with respect to
// the conductivity field and the initial field, from the Enzyme-derived diffusion_loss_gradient, at 1, 2 and
// 4 threads. Checks: the gradient against central differences of the primal (conductivity); along a random
// direction of the initial field, where the loss is quadratic and a central difference is exact up to
// rounding; and the same gradient at every thread count. Exits with 1 on a mismatch.
const int n = 64;
const int steps = 40;
const double dt = 0.1;
int[] threadCounts = [1, 2, 4];

int cells = n * n;
var kappa = new double[cells];
var initial = new double[cells];
var target = new double[cells];
for (int i = 0; i < n; i++)
{
    for (int j = 0; j < n; j++)
    {
        double x = i / (n - 1.0), y = j / (n - 1.0);
        kappa[i * n + j] = 0.6 + 0.3 * Math.Sin(3 * x) * Math.Cos(2 * y);
        initial[i * n + j] = Math.Exp(-40 * ((x - 0.4) * (x - 0.4) + (y - 0.55) * (y - 0.55)));
        target[i * n + j] = 0.2 * Math.Exp(-10 * ((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5)));
    }
}

double Loss(double[] k, double[] u0) => Diffusion.diffusion_loss(k, u0, target, n, steps, dt);

(double[] Kappa, double[] Initial) Gradient()
{
    var dKappa = new double[cells];
    var dInitial = new double[cells];
    Diffusion.diffusion_loss_gradient(kappa, dKappa, initial, dInitial, target, n, steps, dt);
    return (dKappa, dInitial);
}

// The smallest time of one call over 5 batches of at least 0.2 s (less disturbed by the rest of the machine than a mean).
static double MillisecondsPerCall(Action call)
{
    double best = double.MaxValue;
    for (int batch = 0; batch < 5; batch++)
    {
        int calls = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            call();
            calls++;
        }
        while (clock.Elapsed.TotalSeconds < 0.2);
        best = Math.Min(best, clock.Elapsed.TotalMilliseconds / calls);
    }
    return best;
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

Console.WriteLine(Invariant($"2-D diffusion, {n} x {n} cells, {steps} steps; OpenMP up to {Diffusion.diffusion_max_threads()} threads by default"));
bool failed = false;
(double[] Kappa, double[] Initial)? reference = null;
double worstThreadDifference = 0;
foreach (int threads in threadCounts)
{
    Diffusion.diffusion_set_threads(threads);
    (double[] gKappa, double[] gInitial) = Gradient();
    if (reference is null)
    {
        reference = (gKappa, gInitial);
    }
    else
    {
        // Adjoints from several threads meet (a cell is read by its neighbours' rows): equal within rounding.
        for (int c = 0; c < cells; c++)
        {
            double scale = Math.Max(1e-3, Math.Max(Math.Abs(reference.Value.Kappa[c]), Math.Abs(reference.Value.Initial[c])));
            worstThreadDifference = Math.Max(worstThreadDifference,
                Math.Max(Math.Abs(gKappa[c] - reference.Value.Kappa[c]), Math.Abs(gInitial[c] - reference.Value.Initial[c])) / scale);
        }
    }
    double primal = MillisecondsPerCall(() => Loss(kappa, initial));
    double gradient = MillisecondsPerCall(() => Gradient());
    Console.WriteLine(Invariant($"threads={threads} loss={Loss(kappa, initial):R} primal_ms={primal:F3} gradient_ms={gradient:F3} gradient/primal={gradient / primal:F2}"));
}
Console.WriteLine(Invariant($"thread_agreement={worstThreadDifference:E2}"));
failed |= worstThreadDifference > 1e-12;

// Central differences on conductivity cells across the grid (interior and boundary rows).
(double[] dKappa, double[] dInitial) = reference!.Value;
const double h = 1e-6;
double worstKappa = 0;
foreach (int c in new[] { 0, n + 1, 5 * n + 7, 20 * n + 31, 26 * n + 25, 32 * n + 32, 40 * n + 12, 62 * n + 62, cells / 2 + 3 })
{
    double saved = kappa[c];
    kappa[c] = saved + h;
    double plus = Loss(kappa, initial);
    kappa[c] = saved - h;
    double minus = Loss(kappa, initial);
    kappa[c] = saved;
    double difference = (plus - minus) / (2 * h);
    worstKappa = Math.Max(worstKappa, Math.Abs(dKappa[c] - difference) / Math.Max(Math.Abs(difference), 1e-3));
}
Console.WriteLine(Invariant($"kappa_fd_relative_error={worstKappa:E2}"));
failed |= worstKappa > 1e-4;

// The final field is linear in the initial one, so the loss is quadratic along any direction v of it and
// (L(u0 + e v) - L(u0 - e v)) / 2e equals dL/du0 . v exactly, up to rounding.
var random = new Random(2026);
var direction = new double[cells];
for (int c = 0; c < cells; c++)
{
    direction[c] = random.NextDouble() - 0.5;
}
const double e = 1e-3;
var shifted = new double[cells];
for (int c = 0; c < cells; c++)
{
    shifted[c] = initial[c] + e * direction[c];
}
double up = Loss(kappa, shifted);
for (int c = 0; c < cells; c++)
{
    shifted[c] = initial[c] - e * direction[c];
}
double down = Loss(kappa, shifted);
double directional = (up - down) / (2 * e);
double dot = 0;
for (int c = 0; c < cells; c++)
{
    dot += dInitial[c] * direction[c];
}
double directionalError = Math.Abs(dot - directional) / Math.Max(Math.Abs(directional), 1e-12);
Console.WriteLine(Invariant($"initial_directional_relative_error={directionalError:E2} (gradient . v = {dot:R})"));
failed |= directionalError > 1e-8;

Console.WriteLine(failed ? "gradient check FAILED" : "gradient check passed");
return failed ? 1 : 0;
