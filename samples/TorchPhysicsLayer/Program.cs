using System.Globalization;
using Physics;
using TorchSharp;
using static TorchSharp.torch;

// Observations of an oscillator with k = 4.0, c = 0.3, plus noise (seeded).
const int Count = 200;
const double Dt = 0.05;
double[] truth = [4.0, 0.3];
double[] observed = Simulate(truth, Count, Dt);
var noise = new Random(7);
for (int i = 0; i < Count; i++) observed[i] += 0.01 * (noise.NextDouble() - 0.5);

// The model's parameters live in log space (a torch op before the layer keeps k and c positive);
// the loss adds a torch-side penalty after the layer. Both sides take part in autograd.
var logParameters = new TorchSharp.Modules.Parameter(tensor(new[] { Math.Log(1.0), Math.Log(1.0) }));
var optimizer = optim.Adam([logParameters], lr: 0.05);
double first = double.NaN, last = double.NaN;
for (int step = 0; step <= 300; step++)
{
    optimizer.zero_grad();
    Tensor parameters = logParameters.exp();
    Tensor fit = NativeTorch.oscillator_loss(parameters, observed, Count, Dt);
    Tensor loss = fit + 1e-4 * logParameters.pow(2).sum();
    loss.backward();
    optimizer.step();
    last = loss.item<double>();
    if (step == 0) first = last;
    if (step % 50 == 0)
    {
        double[] p = parameters.detach().data<double>().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step,3}: loss {last:E3}  k {p[0]:F4}  c {p[1]:F4}"));
    }
}
double[] fitted = logParameters.exp().detach().data<double>().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitted k {fitted[0]:F4} (true 4.0), c {fitted[1]:F4} (true 0.3); loss {first:E3} -> {last:E3}"));
// The generated gradient against finite differences at the fitted point.
Console.WriteLine(Native.oscillator_loss_grad_check(fitted, observed, Count, Dt));
return last < first / 100 ? 0 : 1;

static double[] Simulate(double[] parameters, int n, double dt)
{
    double k = parameters[0], c = parameters[1], x = 1.0, v = 0.0, h = dt / 20;
    var result = new double[n];
    for (int i = 0; i < n; i++)
    {
        for (int s = 0; s < 20; s++)
        {
            v += h * (-k * x - c * v);
            x += h * v;
        }
        result[i] = x;
    }
    return result;
}
