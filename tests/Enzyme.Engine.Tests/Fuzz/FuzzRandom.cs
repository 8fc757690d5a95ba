namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// SplitMix64: a tiny, fully specified pseudo-random generator, so that a seed names the same program on every
/// runtime and platform (unlike <see cref="System.Random"/>, whose seeded sequence is an implementation detail).
/// </summary>
public sealed class FuzzRandom(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn with the given relative weights (zero weight: never drawn).</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        double total = 0.0;
        foreach (double w in weights)
        {
            total += w;
        }
        double r = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0.0)
            {
                continue;
            }
            r -= weights[i];
            if (r < 0.0)
            {
                return i;
            }
        }
        for (int i = weights.Length - 1; i >= 0; i--)
        {
            if (weights[i] > 0.0)
            {
                return i;
            }
        }
        throw new ArgumentException("no positive weight", nameof(weights));
    }
}
