namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>
/// A line-based reducer for failing generated programs. The generator writes one statement per line and puts
/// every block's opening brace at the end of its header line, so a "unit" is a line, or a header line with its
/// whole block (an if/else chain, a loop, a helper function). The reducer repeatedly tries to delete units, to
/// drop else branches, to unwrap blocks (keep the body, drop the header and the closing brace) and to replace
/// single-argument calls by their argument, keeping a candidate whenever the program still fails in the same way
/// (same <see cref="FuzzOutcome.Symptom"/>). The check function and main are never touched.
/// </summary>
public sealed class ProgramReducer(DifferentialFuzzer fuzzer)
{
    /// <summary>Called with each accepted candidate (progress reporting).</summary>
    public Action<GeneratedProgram>? Progress { get; init; }

    /// <summary>Upper bound on candidate runs.</summary>
    public int MaxAttempts { get; init; } = 2000;

    public int Attempts { get; private set; }

    public GeneratedProgram Reduce(GeneratedProgram program, FuzzOutcome failure)
    {
        string symptom = Signature(failure);
        List<string> lines = Split(program.Definitions);
        bool changed = true;
        while (changed && Attempts < MaxAttempts)
        {
            changed = false;
            for (int i = lines.Count - 1; i >= 0 && Attempts < MaxAttempts; i--)
            {
                if (i >= lines.Count)
                {
                    continue;
                }
                foreach (List<string> candidate in Candidates(lines, i))
                {
                    if (StillFails(program, candidate, symptom))
                    {
                        lines = candidate;
                        changed = true;
                        Progress?.Invoke(program.WithDefinitions(Join(lines)));
                        break;
                    }
                }
            }
        }
        return program.WithDefinitions(Join(lines));
    }

    private bool StillFails(GeneratedProgram program, List<string> lines, string symptom)
    {
        Attempts++;
        FuzzOutcome outcome = fuzzer.Run([program.WithDefinitions(Join(lines))]);
        return outcome.Failed && Signature(outcome) == symptom;
    }

    /// <summary>
    /// What must stay the same while reducing: the symptom, and for wrong derivatives whether a gradient is not
    /// finite (a NaN gradient and a slightly wrong one are usually different bugs).
    /// </summary>
    public static string Signature(FuzzOutcome outcome) =>
        outcome.Kind == FuzzOutcomeKind.WrongDerivative && outcome.Detail.Contains("not finite", StringComparison.Ordinal)
            ? outcome.Symptom + " (not finite)"
            : outcome.Symptom;

    /// <summary>The simplifications of the unit starting at line <paramref name="i"/>, most aggressive first.</summary>
    private static IEnumerable<List<string>> Candidates(List<string> lines, int i)
    {
        string line = lines[i].Trim();
        if (line.Length == 0 || line == "{" || line == "}")
        {
            yield break;
        }
        if (line.StartsWith("return ", StringComparison.Ordinal) || line.StartsWith("free(", StringComparison.Ordinal))
        {
            // Never make a function fall off its end or leak: only simplify the expression.
            foreach (string simpler in SimplerCalls(lines[i]))
            {
                yield return new List<string>(lines) { [i] = simpler };
            }
            yield break;
        }
        if (line.StartsWith('}'))
        {
            // "} else {": drop the else branch.
            if (line.StartsWith("} else", StringComparison.Ordinal))
            {
                int end = MatchingClose(lines, i);
                if (end > i)
                {
                    var dropped = new List<string>(lines);
                    dropped.RemoveRange(i, end - i + 1);
                    dropped.Insert(i, Indentation(lines[i]) + "}");
                    yield return dropped;
                }
            }
            yield break;
        }
        int last = UnitEnd(lines, i);
        if (last < 0)
        {
            yield break;
        }
        if (i > 0 && InitializesPrevious(lines[i - 1], line))
        {
            // The loop or memcpy that fills an uninitialised array goes only together with the array
            // (reading uninitialised memory would turn the reproducer into a different, undefined program).
            yield break;
        }
        var removed = new List<string>(lines);
        removed.RemoveRange(i, last - i + 1);
        yield return removed;

        if (last > i && line.EndsWith('{') && !line.StartsWith("static", StringComparison.Ordinal) && lines[last].Trim() == "}")
        {
            // Unwrap: keep the body of an if (without else) or of a loop, run once.
            var unwrapped = new List<string>(lines);
            unwrapped.RemoveAt(last);
            unwrapped.RemoveAt(i);
            yield return unwrapped;
        }

        foreach (string simpler in SimplerCalls(lines[i]))
        {
            var replaced = new List<string>(lines) { [i] = simpler };
            yield return replaced;
        }
    }

    /// <summary>The line with one call <c>f(arg)</c> (a single argument) replaced by <c>(arg)</c>, for each such call.</summary>
    private static IEnumerable<string> SimplerCalls(string line)
    {
        for (int open = line.IndexOf('('); open >= 0; open = line.IndexOf('(', open + 1))
        {
            int start = open;
            while (start > 0 && (char.IsLetterOrDigit(line[start - 1]) || line[start - 1] == '_'))
            {
                start--;
            }
            string callee = line[start..open];
            if (callee.Length == 0 || callee is "if" or "for" or "while" or "return" or "sizeof" || callee.StartsWith("__enzyme", StringComparison.Ordinal))
            {
                continue;
            }
            int depth = 0;
            int close = -1;
            bool comma = false;
            for (int k = open; k < line.Length; k++)
            {
                char c = line[k];
                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                    if (depth == 0)
                    {
                        close = k;
                        break;
                    }
                }
                else if (c == ',' && depth == 1)
                {
                    comma = true;
                }
            }
            if (close < 0 || comma)
            {
                continue;
            }
            yield return line[..start] + line[open..(close + 1)] + line[(close + 1)..];
        }
    }

    /// <summary>The last line of the unit starting at <paramref name="i"/> (a statement, or a header and its block).</summary>
    private static int UnitEnd(List<string> lines, int i)
    {
        int depth = 0;
        bool opened = false;
        for (int j = i; j < lines.Count; j++)
        {
            foreach (char c in lines[j])
            {
                if (c == '{')
                {
                    depth++;
                    opened = true;
                }
                else if (c == '}')
                {
                    depth--;
                }
            }
            if (depth < 0)
            {
                return -1;
            }
            bool headerOfNextBlock = !opened && j + 1 < lines.Count && lines[j + 1].Trim() == "{";
            if (depth == 0 && !headerOfNextBlock)
            {
                return j;
            }
        }
        return -1;
    }

    /// <summary>For a line ending with an opening brace, the line of the brace that closes it.</summary>
    private static int MatchingClose(List<string> lines, int i)
    {
        int depth = 1;
        for (int j = i + 1; j < lines.Count; j++)
        {
            foreach (char c in lines[j])
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            if (depth == 0)
            {
                return j;
            }
            if (depth < 0)
            {
                return -1;
            }
        }
        return -1;
    }

    private static bool InitializesPrevious(string previous, string line)
    {
        string declaration = previous.Trim();
        bool uninitialisedArray = declaration.StartsWith("double ", StringComparison.Ordinal)
            && (declaration.EndsWith("];", StringComparison.Ordinal) || declaration.Contains("malloc(", StringComparison.Ordinal));
        return uninitialisedArray && (line.StartsWith("for ", StringComparison.Ordinal) || line.StartsWith("memcpy(", StringComparison.Ordinal));
    }

    private static string Indentation(string line) => line[..(line.Length - line.TrimStart().Length)];

    private static List<string> Split(string text) => [.. text.Split('\n')];

    private static string Join(List<string> lines) => string.Join('\n', lines);
}
