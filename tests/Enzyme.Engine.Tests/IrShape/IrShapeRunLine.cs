using System.Text;

namespace Enzyme.Engine.Tests.IrShape;

/// <summary>
/// One <c>; RUN:</c> directive of an IR-shape test, with <c>%s</c> and <c>%t</c> substituted:
/// <c>; RUN: enzyme-ad %s [OPTION...] -o %t[.NAME].ll [| FileCheck [FILECHECK-OPTION...]]</c>.
/// Words are separated by blanks; single or double quotes keep blanks inside one word
/// (<c>--passes "function(instcombine,simplifycfg)"</c>).
/// </summary>
internal sealed record IrShapeRunLine(IReadOnlyList<string> EnzymeAdArguments, string Output, IReadOnlyList<string> FileCheckArguments)
{
    public const string Marker = "; RUN:";
    private const string EnzymeAd = "enzyme-ad";
    private const string FileCheck = "FileCheck";

    /// <summary>
    /// Parses the text after <see cref="Marker"/>. <paramref name="testFile"/> replaces <c>%s</c> and
    /// <paramref name="temporaryStem"/> replaces <c>%t</c>; the output must be textual IR, since
    /// FileCheck reads it as text.
    /// </summary>
    public static IrShapeRunLine Parse(string directive, string testFile, string temporaryStem)
    {
        List<string> words = SplitWords(directive)
            .Select(w => w.Replace("%s", testFile, StringComparison.Ordinal).Replace("%t", temporaryStem, StringComparison.Ordinal))
            .ToList();
        int pipe = words.IndexOf("|");
        List<string> engineWords = pipe < 0 ? words : words[..pipe];
        List<string> checkWords = pipe < 0 ? [] : words[(pipe + 1)..];

        if (engineWords.Count == 0 || engineWords[0] != EnzymeAd)
        {
            throw new FormatException($"a RUN line starts with '{EnzymeAd}': '{directive.Trim()}'");
        }
        if (pipe >= 0 && (checkWords.Count == 0 || checkWords[0] != FileCheck || checkWords.Contains("|")))
        {
            throw new FormatException($"only '| {FileCheck} [options]' may follow the engine's arguments: '{directive.Trim()}'");
        }
        if (checkWords.Skip(1).Contains(testFile))
        {
            throw new FormatException($"FileCheck always reads its checks from the test file itself; drop the %s after '| {FileCheck}': '{directive.Trim()}'");
        }

        List<string> arguments = engineWords[1..];
        string output = OutputOf(arguments)
            ?? throw new FormatException($"a RUN line names its output with '-o %t.ll': '{directive.Trim()}'");
        if (!output.EndsWith(".ll", StringComparison.Ordinal))
        {
            throw new FormatException($"the output must be textual IR (.ll) for FileCheck to read, not '{Path.GetFileName(output)}'");
        }
        return new IrShapeRunLine(arguments, output, checkWords.Skip(1).ToList());
    }

    /// <summary>The value of <c>-o X</c>, <c>-o=X</c>, <c>-oX</c>, <c>--output X</c> or <c>--output=X</c>, the forms enzyme-ad accepts.</summary>
    private static string? OutputOf(IReadOnlyList<string> arguments)
    {
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if ((argument == "-o" || argument == "--output") && i + 1 < arguments.Count)
            {
                return arguments[i + 1];
            }
            if (argument.StartsWith("--output=", StringComparison.Ordinal))
            {
                return argument["--output=".Length..];
            }
            if (argument.StartsWith("-o", StringComparison.Ordinal) && argument.Length > 2 && !argument.StartsWith("--", StringComparison.Ordinal))
            {
                return argument[2..].TrimStart('=');
            }
        }
        return null;
    }

    private static IEnumerable<string> SplitWords(string text)
    {
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    yield return word.ToString();
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote != '\0')
        {
            throw new FormatException($"unterminated {quote} quote in RUN line: '{text.Trim()}'");
        }
        if (inWord)
        {
            yield return word.ToString();
        }
    }
}
