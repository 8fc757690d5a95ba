using System.Text;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Reads the Makefile-syntax dependency file clang writes with <c>-MD -MF</c>
/// (<c>target: dep1 dep2 \</c>, spaces escaped as <c>\ </c>, <c>$</c> as <c>$$</c>).
/// </summary>
public static class DependencyFileReader
{
    /// <summary>Every prerequisite of every rule in the file; empty when the file does not exist.</summary>
    public static IReadOnlyList<string> ReadPrerequisites(string dependencyFile)
    {
        if (!File.Exists(dependencyFile))
        {
            return [];
        }
        // Join continuation lines, then split each rule after its first unescaped ':'.
        string text = File.ReadAllText(dependencyFile).Replace("\\\r\n", " ").Replace("\\\n", " ");
        var prerequisites = new List<string>();
        foreach (string rule in text.Split('\n'))
        {
            int colon = FindTargetSeparator(rule);
            if (colon >= 0)
            {
                prerequisites.AddRange(SplitWords(rule[(colon + 1)..]));
            }
        }
        return prerequisites;
    }

    // The ':' that ends the target list: not escaped and not a drive letter's "C:\".
    private static int FindTargetSeparator(string rule)
    {
        for (int i = 0; i < rule.Length; i++)
        {
            if (rule[i] == '\\')
            {
                i++;
            }
            else if (rule[i] == ':' && (i + 1 >= rule.Length || rule[i + 1] is ' ' or '\t' or '\r'))
            {
                return i;
            }
        }
        return -1;
    }

    private static IEnumerable<string> SplitWords(string list)
    {
        var word = new StringBuilder();
        for (int i = 0; i < list.Length; i++)
        {
            char c = list[i];
            if (c == '\\' && i + 1 < list.Length && list[i + 1] is ' ' or '#' or '\\')
            {
                word.Append(list[++i]);
            }
            else if (c == '$' && i + 1 < list.Length && list[i + 1] == '$')
            {
                word.Append('$');
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }
        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
