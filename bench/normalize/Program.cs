using System.Globalization;
using Bench.Normalize.Native;

namespace Bench.Normalize;

/// <summary>
/// Times normalize and its reverse-mode gradient for N = 10^3 ... 10^6 and checks every gradient
/// the timing produced against the closed form. Exit code 1 when a check fails.
/// </summary>
public static unsafe class Program
{
    private static readonly int[] Sizes = [1_000, 10_000, 100_000, 1_000_000];

    /// <summary>The gradient is a handful of flops per entry: only round-off separates it from the closed form.</summary>
    private const double Tolerance = 1e-10;

    /// <summary>Per-element time may vary this much from cache effects alone; quadratic cost would give 1000x.</summary>
    private const double LinearGrowthLimit = 4.0;

    /// <summary>A flat ratio varies by noise; beyond this the report says why.</summary>
    private const double RatioSpreadWorthExplaining = 1.5;

    public static int Main(string[] args)
    {
        var rows = new List<ResultRow>();
        var ratios = new List<double>();
        var perElementGradient = new List<double>();
        bool allCorrect = true;
        foreach (int n in Sizes)
        {
            var random = new Random(n);
            double[] input = new double[n], output = new double[n], seed = new double[n], scratch = new double[n], gradient = new double[n];
            for (int i = 0; i < n; ++i)
            {
                input[i] = 0.5 + random.NextDouble();
                seed[i] = 2.0 * random.NextDouble() - 1.0;
            }

            double primal, reverse;
            fixed (double* inPtr = input, outPtr = output, seedPtr = seed, scratchPtr = scratch, gradPtr = gradient)
            {
                primal = NormalizeNative.normalize_time_primal(outPtr, inPtr, n);
                reverse = NormalizeNative.normalize_time_reverse(outPtr, scratchPtr, inPtr, gradPtr, seedPtr, n);
            }

            double error = GradientError(input, seed, gradient, output);
            bool correct = error <= Tolerance;
            allCorrect &= correct;
            double ratio = reverse / primal;
            ratios.Add(ratio);
            string label = "N=" + n.ToString(CultureInfo.InvariantCulture);
            string perElement = string.Create(CultureInfo.InvariantCulture,
                $"{1e9 * primal / n:F2} ns/element primal, {1e9 * reverse / n:F2} ns/element gradient");
            rows.Add(new ResultRow(label, "primal", primal, 1.0, true, perElement));
            rows.Add(new ResultRow(label, "enzyme-reverse", reverse, ratio, correct,
                string.Create(CultureInfo.InvariantCulture, $"{perElement}; max rel. error vs closed form {error:E1}")));
            perElementGradient.Add(reverse / n);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"normalize {label,-10} primal {1e3 * primal,10:F4} ms  reverse {1e3 * reverse,10:F4} ms  ratio {ratio,5:F2}  ({perElement}); error {error:E1}{(correct ? "" : "  WRONG")}"));
        }

        // Linear scaling: an O(N) gradient keeps its time per element within a small factor over
        // three decades of N (memory hierarchy effects only); an O(N^2) one would grow 1000-fold.
        double growth = perElementGradient.Max() / perElementGradient.Min();
        double spread = ratios.Max() / ratios.Min();
        bool linear = growth < LinearGrowthLimit;
        string verdict = string.Create(CultureInfo.InvariantCulture,
            $"{(linear ? "linear" : "NOT linear")}: gradient time per element varies {growth:F2}x over N = 10^3..10^6 (quadratic would be 1000x); gradient/primal ratio {ratios.Min():F2}..{ratios.Max():F2}");
        if (spread > RatioSpreadWorthExplaining)
        {
            // Found with enzyme-ad --report: mag is a split call, whose caller may overwrite its
            // arguments, so its loop caches x[i] (8 bytes per element); since the cache pool the
            // array is reused across calls, but it still streams through memory once per sweep.
            verdict += "; the ratio rises where mag's cached values (8 bytes per element, written by the forward sweep and read back by the reverse) outgrow the CPU caches";
        }
        Console.WriteLine(verdict);
        int last = rows.Count - 1;
        rows[last] = rows[last] with { Note = rows[last].Note + "; " + verdict };
        string path = ResultsFile.Write("normalize", rows, CommandLine.OutputPath(args));
        Console.WriteLine($"wrote {path}");
        return allCorrect ? 0 : 1;
    }

    /// <summary>
    /// Largest error of the gradient relative to the closed form: with m = |x| and out = x / m,
    /// J^T s = s / m - x (s . x) / m^3. The primal output is checked too (out = x / m).
    /// </summary>
    private static double GradientError(double[] x, double[] s, double[] gradient, double[] output)
    {
        double squares = 0.0, dot = 0.0;
        for (int i = 0; i < x.Length; ++i)
        {
            squares += x[i] * x[i];
            dot += s[i] * x[i];
        }
        double m = Math.Sqrt(squares), scale = 1.0 / m, worst = 0.0;
        for (int j = 0; j < x.Length; ++j)
        {
            double expected = s[j] / m - x[j] * dot / (m * m * m);
            worst = Math.Max(worst, Math.Abs(gradient[j] - expected) / scale);
            worst = Math.Max(worst, Math.Abs(output[j] - x[j] / m) / scale);
        }
        return worst;
    }
}
