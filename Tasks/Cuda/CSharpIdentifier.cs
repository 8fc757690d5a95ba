using System.Text;

namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>Turns PTX names (which may hold <c>$</c> and <c>%</c>) into C# identifiers.</summary>
public static class CSharpIdentifier
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// <paramref name="name"/> with every character C# does not allow replaced by <c>_</c>, a
    /// <c>_</c> in front of a leading digit, and <c>@</c> in front of a keyword.
    /// </summary>
    public static string FromPtxName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            builder.Append('_');
        }
        foreach (char character in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character == '_' ? character : '_');
        }
        string identifier = builder.ToString();
        return s_keywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    /// <summary><paramref name="candidate"/>, or with the smallest numeric suffix that is not in <paramref name="taken"/>; the result is added to <paramref name="taken"/>.</summary>
    public static string MakeUnique(string candidate, ISet<string> taken)
    {
        string unique = candidate;
        for (int suffix = 2; !taken.Add(unique); suffix++)
        {
            unique = candidate + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return unique;
    }
}
