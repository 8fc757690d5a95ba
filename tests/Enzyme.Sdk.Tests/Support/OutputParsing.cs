using System.Globalization;
using System.Text.RegularExpressions;

namespace Enzyme.Sdk.Tests.Support;

/// <summary>Reads the numbers the test programs print as <c>name=value</c>.</summary>
public static class OutputParsing
{
    /// <summary>The value printed as <c>name=value</c> (invariant culture, round-trip format).</summary>
    public static double Number(string output, string name)
    {
        Match match = Regex.Match(output, $@"(?<!\w){Regex.Escape(name)}=(?<value>\S+)");
        Assert.That(match.Success, Is.True, $"no '{name}=' in the output:\n{output}");
        return double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>|actual - expected| ≤ tolerance·max(1, |expected|).</summary>
    public static void AssertClose(double actual, double expected, double tolerance, string what) =>
        Assert.That(actual, Is.EqualTo(expected).Within(tolerance * Math.Max(1.0, Math.Abs(expected))), what);
}
