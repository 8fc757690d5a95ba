using System.Globalization;

namespace Enzyme.Engine.Tests.Rules;

/// <summary>Seeded random points inside a rule's domain, and the small vector helpers the property tests share.</summary>
internal static class MathRuleSampling
{
    public const int Points = 20;
    public const int Seed = 20250611;

    /// <summary>A generator seeded by the rule's name, so that every run and every fixture sees the same points for a rule.</summary>
    public static Random RandomFor(string rule, int offset = 0) => new(Seed + StableHash(rule) + offset);

    /// <summary><see cref="Points"/> points inside the spec's domains that its acceptance test keeps (fewer if it rejects too many).</summary>
    public static IEnumerable<double[]> Samples(MathRuleSpec spec, Random random)
    {
        int produced = 0;
        for (int attempt = 0; attempt < 10_000 && produced < Points; attempt++)
        {
            double[] x = spec.Domains.Select(d => d.Lo + (d.Hi - d.Lo) * random.NextDouble()).ToArray();
            // Float forms see the arguments rounded to float: sample float-representable points.
            x = x.Select(v => (double)(float)v).ToArray();
            if (spec.Accept is { } accept && !accept(x))
            {
                continue;
            }
            produced++;
            yield return x;
        }
    }

    /// <summary>Uniform values in [-2, 2): directions and adjoint seeds.</summary>
    public static double[] RandomVector(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => random.NextDouble() * 4 - 2).ToArray();

    public static double[] Unit(int length, int index)
    {
        double[] direction = new double[length];
        direction[index] = 1.0;
        return direction;
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised).</summary>
    public static int StableHash(string text)
    {
        int hash = 17;
        foreach (char c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash & 0x7FFF;
    }

    public static string Format(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
