using System.Text;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Splits <c>AdditionalOptions</c>-style text into arguments: whitespace or ';' separates,
/// double quotes group. Never passed through a shell.
/// </summary>
public static class ArgumentSplitter
{
    public static IEnumerable<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        var current = new StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (!quoted && (char.IsWhiteSpace(c) || c == ';'))
            {
                if (any)
                {
                    yield return current.ToString();
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (any)
        {
            yield return current.ToString();
        }
    }

    /// <summary>Non-empty, trimmed entries of a ';'-separated MSBuild list.</summary>
    public static IEnumerable<string> SplitList(IEnumerable<string>? entries) =>
        (entries ?? []).SelectMany(e => e.Split(';')).Select(e => e.Trim()).Where(e => e.Length > 0);
}
