using System.Globalization;

namespace Bench.Report;

/// <summary>Number formats shared by the table and the chart.</summary>
public static class Format
{
    /// <summary>A time per call with a unit that keeps three significant digits readable.</summary>
    public static string Seconds(double seconds) => seconds switch
    {
        >= 1.0 => Invariant($"{seconds:F2} s"),
        >= 1e-3 => Invariant($"{seconds * 1e3:F3} ms"),
        >= 1e-6 => Invariant($"{seconds * 1e6:F2} µs"),
        _ => Invariant($"{seconds * 1e9:F1} ns"),
    };

    public static string Ratio(double ratio) => ratio switch
    {
        >= 100 => Invariant($"{ratio:F0}×"),
        >= 10 => Invariant($"{ratio:F1}×"),
        _ => Invariant($"{ratio:F2}×"),
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Table cells must not break the Markdown table.</summary>
    public static string Cell(string? text) => (text ?? "").Replace("|", "\\|").Replace("\n", " ");
}
