namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>
/// Splits PTX text into tokens, dropping <c>//</c> and <c>/* */</c> comments and string literals
/// (the latter only appear in <c>.file</c> directives, and may hold braces or comment markers).
/// Words are runs of letters, digits and <c>_ $ % .</c>, so directives (<c>.entry</c>),
/// identifiers (<c>$L__BB0_2</c>, <c>_Z5saxpyPfS_fi</c>) and numbers are one token each.
/// </summary>
public static class PtxTokenizer
{
    public static IReadOnlyList<PtxToken> Tokenize(string text)
    {
        var tokens = new List<PtxToken>();
        int line = 1;
        int index = 0;
        while (index < text.Length)
        {
            char current = text[index];
            if (current == '\n')
            {
                line++;
                index++;
            }
            else if (char.IsWhiteSpace(current))
            {
                index++;
            }
            else if (current == '/' && At(text, index + 1, '/'))
            {
                while (index < text.Length && text[index] != '\n')
                {
                    index++;
                }
            }
            else if (current == '/' && At(text, index + 1, '*'))
            {
                int end = text.IndexOf("*/", index + 2, StringComparison.Ordinal);
                int stop = end < 0 ? text.Length : end + 2;
                line += CountNewLines(text, index, stop);
                index = stop;
            }
            else if (current == '"')
            {
                int stop = index + 1;
                while (stop < text.Length && text[stop] != '"' && text[stop] != '\n')
                {
                    stop += text[stop] == '\\' ? 2 : 1;
                }
                index = Math.Min(stop + 1, text.Length);
            }
            else if (IsWordCharacter(current))
            {
                int start = index;
                while (index < text.Length && IsWordCharacter(text[index]))
                {
                    index++;
                }
                tokens.Add(new PtxToken(text[start..index], line));
            }
            else
            {
                tokens.Add(new PtxToken(current.ToString(), line));
                index++;
            }
        }
        return tokens;
    }

    private static bool IsWordCharacter(char character) =>
        char.IsAsciiLetterOrDigit(character) || character is '_' or '$' or '%' or '.';

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;

    private static int CountNewLines(string text, int start, int stop)
    {
        int count = 0;
        for (int index = start; index < stop; index++)
        {
            if (text[index] == '\n')
            {
                count++;
            }
        }
        return count;
    }
}
