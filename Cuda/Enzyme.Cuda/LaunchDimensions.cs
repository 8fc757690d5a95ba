namespace Enzyme.Cuda;

/// <summary>A grid or block size in up to three dimensions; unused dimensions are 1.</summary>
public readonly record struct LaunchDimensions
{
    public LaunchDimensions(uint x, uint y = 1, uint z = 1)
    {
        if (x == 0 || y == 0 || z == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}, {z}): every launch dimension must be at least 1.");
        }
        X = x;
        Y = y;
        Z = z;
    }

    public uint X { get; }

    public uint Y { get; }

    public uint Z { get; }

    /// <summary>Total number of threads (block) or blocks (grid).</summary>
    public ulong Volume => (ulong)X * Y * Z;

    public static implicit operator LaunchDimensions(uint x) => new(x);

    /// <summary>The one-dimensional grid that covers <paramref name="elementCount"/> threads in blocks of <paramref name="threadsPerBlock"/>.</summary>
    public static LaunchDimensions BlocksFor(long elementCount, int threadsPerBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(elementCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threadsPerBlock);
        long blocks = (elementCount + threadsPerBlock - 1) / threadsPerBlock;
        if (blocks > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(elementCount), elementCount, "Needs more blocks than one grid dimension holds.");
        }
        return new LaunchDimensions((uint)blocks);
    }

    public override string ToString() => $"({X}, {Y}, {Z})";
}
