namespace Enzyme.Cuda;

/// <summary>A device's compute capability; <see cref="ToString"/> gives the PTX target name (<c>sm_80</c>).</summary>
public readonly record struct ComputeCapability(int Major, int Minor) : IComparable<ComputeCapability>
{
    public int CompareTo(ComputeCapability other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) < 0;
    public static bool operator >(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) > 0;
    public static bool operator <=(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"sm_{Major}{Minor}";
}
