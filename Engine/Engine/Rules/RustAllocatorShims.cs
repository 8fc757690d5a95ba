namespace Enzyme.Engine.Rules;

/// <summary>
/// Rust's global allocator as rustc's bitcode calls it: <c>__rust_alloc(size, align)</c>,
/// <c>__rust_alloc_zeroed(size, align)</c>, <c>__rust_dealloc(ptr, size, align)</c>,
/// <c>__rust_realloc(ptr, old_size, align, new_size)</c> and the marker
/// <c>__rust_no_alloc_shim_is_unstable_v2()</c>. rustc up to 1.8x names them plainly; newer ones
/// mangle them in v0 form as items of a crate <c>__rustc</c> whose disambiguator changes with the
/// compiler (<c>_RNvCsfLfy6EI15iL_7___rustc12___rust_alloc</c>), so they are recognised by that shape.
/// The shims are defined by the staticlib rustc links the crate into (they forward to
/// <c>__rdl_alloc</c> and so to malloc), so the engine treats them as the C allocator they stand for.
/// </summary>
public static class RustAllocatorShims
{
    public const string Alloc = "__rust_alloc";
    public const string AllocZeroed = "__rust_alloc_zeroed";
    public const string Dealloc = "__rust_dealloc";
    public const string Realloc = "__rust_realloc";

    private const string V0Prefix = "_RNvCs";
    private const string RustcCrate = "_7___rustc";

    /// <summary>The shim's plain name (<c>__rust_alloc</c>) for either spelling, or null when <paramref name="symbol"/> is not a shim.</summary>
    public static string? ShimName(string symbol)
    {
        if (symbol.StartsWith("__rust_", StringComparison.Ordinal))
        {
            return symbol;
        }
        if (!symbol.StartsWith(V0Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        // _RNvCs<disambiguator>_7___rustc<length>_<identifier>: the identifier starts with '_', so v0
        // puts a '_' separator between its length and it.
        int crate = symbol.IndexOf(RustcCrate, V0Prefix.Length, StringComparison.Ordinal);
        if (crate < 0)
        {
            return null;
        }
        int digits = crate + RustcCrate.Length, end = digits;
        while (end < symbol.Length && char.IsAsciiDigit(symbol[end]))
        {
            end++;
        }
        if (end == digits || end >= symbol.Length || symbol[end] != '_'
            || !int.TryParse(symbol.AsSpan(digits, end - digits), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length))
        {
            return null;
        }
        string identifier = symbol[(end + 1)..];
        return identifier.Length == length && identifier.StartsWith("__rust_", StringComparison.Ordinal) ? identifier : null;
    }

    /// <summary>The symbol of shim <paramref name="shim"/> spelled as <paramref name="sibling"/>, another shim of the same compiler, is.</summary>
    public static string SiblingSymbol(string sibling, string shim)
    {
        string? name = ShimName(sibling) ?? throw new ArgumentException($"'{sibling}' is not a Rust allocator shim", nameof(sibling));
        return sibling == name ? shim : string.Concat(sibling.AsSpan(0, sibling.Length - name.Length - 1 - Digits(name.Length)), shim.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "_", shim);
    }

    public static bool IsAllocator(string symbol) => ShimName(symbol) is Alloc or AllocZeroed;

    public static bool IsDeallocator(string symbol) => ShimName(symbol) == Dealloc;

    public static bool IsReallocator(string symbol) => ShimName(symbol) == Realloc;

    /// <summary>The markers the allocator API calls to make sure a shim is linked; they do nothing.</summary>
    public static bool IsMarker(string symbol) =>
        ShimName(symbol) is { } name && name.StartsWith("__rust_no_alloc_shim_is_unstable", StringComparison.Ordinal);

    private static int Digits(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
