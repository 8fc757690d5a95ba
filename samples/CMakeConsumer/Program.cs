using System.Globalization;
using CMakeConsumer.Native;

// The same library from C#: the generated bindings call the functions the CMake package exports.
double[] x = [0.5, -1.2, 2.0, -2.9];
double[] gradient = new double[x.Length];
double f = Styblinski.styblinski(x, x.Length);
Styblinski.styblinski_grad(x, gradient, x.Length);

const double step = 1e-6, tolerance = 1e-6;
bool agrees = true;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"f={f:R}"));
for (int i = 0; i < x.Length; i++)
{
    double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
    plus[i] += step;
    minus[i] -= step;
    double difference = (Styblinski.styblinski(plus, x.Length) - Styblinski.styblinski(minus, x.Length)) / (2 * step);
    bool close = Math.Abs(gradient[i] - difference) <= tolerance * Math.Max(1.0, Math.Abs(difference));
    agrees &= close;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grad{i}={gradient[i]:R} fd{i}={difference:R}{(close ? "" : "  MISMATCH")}"));
}
string package = Path.Combine(AppContext.BaseDirectory, "lib", "cmake", "styblinski");
Console.WriteLine($"CMake package: {package} (cmake -S consumer -B build -Dstyblinski_DIR={package})");
return agrees ? 0 : 1;
