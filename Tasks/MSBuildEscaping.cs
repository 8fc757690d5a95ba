using System.Text;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// MSBuild's %XX escaping of item specs and metadata values. A task item's spec and metadata are
/// stored escaped: a path set unescaped that contains <c>;</c> is split into two items when the
/// engine expands it (in Inputs/Outputs, transforms, task parameters), and one containing <c>%</c>,
/// <c>$</c> or <c>@</c> may be expanded.
/// </summary>
public static class MSBuildEscaping
{
    // The characters MSBuild itself escapes (EscapingUtilities): item and property syntax,
    // wildcards and the list separator.
    private const string Special = "%*?@$();'";

    public static string Escape(string text)
    {
        if (text.IndexOfAny(Special.ToCharArray()) < 0)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (Special.Contains(c))
            {
                escaped.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    /// <summary>Decodes every %XX (two hex digits), as MSBuild does when it hands a value to a task.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('%'))
        {
            return text;
        }
        var unescaped = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                unescaped.Append((char)Convert.ToInt32(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                unescaped.Append(text[i]);
            }
        }
        return unescaped.ToString();
    }
}
