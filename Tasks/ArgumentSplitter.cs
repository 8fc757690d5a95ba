using System.Text;
using Microsoft.Build.Framework;

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

    /// <summary>
    /// Non-empty, trimmed entries of a <c>string[]</c> task parameter. MSBuild has already split the
    /// list on its unescaped ';' and unescaped each entry, so a ';' left in one (written %3B, e.g. in
    /// a define's value) is part of it and is not split again.
    /// </summary>
    public static IEnumerable<string> Entries(IEnumerable<string>? entries) =>
        (entries ?? []).Select(e => e.Trim()).Where(e => e.Length > 0);

    /// <summary>
    /// Non-empty, trimmed entries of items that may each hold a ';'-separated list (a transform such as
    /// <c>@(Item->'%(Defines)')</c>): split on the separators of the escaped form, so that a ';' written
    /// %3B stays inside its entry.
    /// </summary>
    public static IEnumerable<string> SplitItems(IEnumerable<ITaskItem>? items) =>
        (items ?? []).SelectMany(item => (item is ITaskItem2 escaped ? escaped.EvaluatedIncludeEscaped : MSBuildEscaping.Escape(item.ItemSpec)).Split(';'))
            .Select(MSBuildEscaping.Unescape)
            .Select(e => e.Trim())
            .Where(e => e.Length > 0);

    /// <summary>Non-empty, trimmed entries of a ';'-separated MSBuild list.</summary>
    public static IEnumerable<string> SplitList(IEnumerable<string>? entries) =>
        (entries ?? []).SelectMany(e => e.Split(';')).Select(e => e.Trim()).Where(e => e.Length > 0);
}
