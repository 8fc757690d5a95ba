namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>The PTX fundamental types a kernel parameter may have, and their sizes.</summary>
public static class PtxTypes
{
    private static readonly Dictionary<string, int> s_sizes = new(StringComparer.Ordinal)
    {
        ["b8"] = 1, ["u8"] = 1, ["s8"] = 1,
        ["b16"] = 2, ["u16"] = 2, ["s16"] = 2, ["f16"] = 2, ["bf16"] = 2,
        ["b32"] = 4, ["u32"] = 4, ["s32"] = 4, ["f32"] = 4,
        ["b64"] = 8, ["u64"] = 8, ["s64"] = 8, ["f64"] = 8,
    };

    /// <summary>State spaces that may follow <c>.ptr</c> in a kernel parameter.</summary>
    public static IReadOnlySet<string> PointerStateSpaces { get; } =
        new HashSet<string>(["global", "shared", "const", "local"], StringComparer.Ordinal);

    public static bool IsType(string name) => s_sizes.ContainsKey(name);

    public static bool IsFloatingPoint(string name) => name is "f16" or "bf16" or "f32" or "f64";

    public static int SizeOf(string name) =>
        s_sizes.TryGetValue(name, out int size) ? size : throw new ArgumentException($"'.{name}' is not a PTX fundamental type.", nameof(name));
}
