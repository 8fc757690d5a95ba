using System.Globalization;
using CMakeImport.Native;

// Positions of five masses near their rest sites 0, 1, 2, 3, 4 (REST_LENGTH = 1).
double[] x = [0.1, 1.3, 1.9, 3.2, 3.8];
double[] gradient = new double[x.Length];

double energy = Physics.total_energy(x, x.Length);
// Reverse mode: the adjoint of the energy is accumulated into gradient, so it starts at zero.
Physics.total_energy_grad(x, gradient, x.Length);

// Central differences of the primal, step h: error O(h^2) plus rounding O(eps / h).
const double step = 1e-6;
const double tolerance = 1e-6;
bool agrees = true;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"energy={energy:R}"));
for (int i = 0; i < x.Length; i++)
{
    double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
    plus[i] += step;
    minus[i] -= step;
    double difference = (Physics.total_energy(plus, x.Length) - Physics.total_energy(minus, x.Length)) / (2 * step);
    bool close = Math.Abs(gradient[i] - difference) <= tolerance * Math.Max(1.0, Math.Abs(difference));
    agrees &= close;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"grad{i}={gradient[i]:R} fd{i}={difference:R}{(close ? "" : "  MISMATCH")}"));
}
Console.WriteLine(agrees ? "gradient matches finite differences" : "gradient does NOT match finite differences");
return agrees ? 0 : 1;
