using System.Text;

namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Splits a command line written for a POSIX shell into its words, as CMake writes them in
/// <c>compile_commands.json</c> and in the File API's <c>compileCommandFragments</c>:
/// whitespace separates, <c>'…'</c> is literal, <c>"…"</c> honours <c>\"</c> <c>\\</c> <c>\$</c>
/// <c>\`</c>, and a backslash outside quotes escapes the next character. The words are only
/// split, never run by a shell.
/// </summary>
public static class ShellWordSplitter
{
    public static IReadOnlyList<string> Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < commandLine.Length; i++)
        {
            char c = commandLine[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\' && i + 1 < commandLine.Length)
            {
                word.Append(commandLine[++i]);
            }
            else if (c == '\'')
            {
                int end = commandLine.IndexOf('\'', i + 1);
                end = end < 0 ? commandLine.Length : end;
                word.Append(commandLine, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                for (i++; i < commandLine.Length && commandLine[i] != '"'; i++)
                {
                    if (commandLine[i] == '\\' && i + 1 < commandLine.Length && commandLine[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        i++;
                    }
                    word.Append(commandLine[i]);
                }
            }
            else
            {
                word.Append(c);
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }
}
