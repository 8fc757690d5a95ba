namespace Enzyme.Cli;

/// <summary>
/// Parses <c>--sizes GRADIENT:x=n;y=m</c>: which integer parameter holds each pointer's element count
/// (the <c>Sizes</c> metadata of an <c>EnzymeGradient</c> item).
/// </summary>
public static class ElementCountsParser
{
    public static (string Gradient, IReadOnlyDictionary<string, string> Counts) Parse(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0)
        {
            throw CommandLineParser.Invalid($"--sizes '{text}': expected GRADIENT:pointer=count;...");
        }
        var counts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in text[(colon + 1)..].Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] sides = pair.Split('=', StringSplitOptions.TrimEntries);
            if (sides.Length != 2 || sides[0].Length == 0 || sides[1].Length == 0)
            {
                throw CommandLineParser.Invalid($"--sizes '{text}': '{pair}' is not pointer=count");
            }
            counts[sides[0]] = sides[1];
        }
        return (text[..colon].Trim(), counts);
    }
}
