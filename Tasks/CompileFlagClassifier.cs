namespace Enzyme.Sdk.Tasks;

/// <summary>
/// Sorts the arguments of one compile command (compiler, source and <c>-o</c> already removed)
/// into include folders, definitions, the language standard and the rest. What the SDK decides
/// itself is dropped: output and dependency-file options (it names its own bitcode and depfile),
/// <c>-c</c>/<c>-S</c>/<c>-E</c>, the optimisation level (the front end always runs at
/// <c>-O2</c> and <c>EnzymeOptimization</c> sets the engine's), and position-independence
/// options that would undo its <c>-fPIC</c>.
/// </summary>
public static class CompileFlagClassifier
{
    /// <summary>Options followed by a value the SDK replaces with its own.</summary>
    private static readonly HashSet<string> DroppedWithValue = ["-o", "-MF", "-MT", "-MQ", "-MJ", "--serialize-diagnostics"];

    private static readonly HashSet<string> Dropped =
    [
        "-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MG", "-MP", "-fpie", "-fPIE", "-fno-pic", "-fno-PIC", "-fno-pie", "-fno-PIE", "-pie",
    ];

    private static readonly string[] IncludeOptions = ["-isystem", "-iquote", "-idirafter", "-I"];

    /// <param name="arguments">The options, in order.</param>
    /// <param name="workingDirectory">The folder the command runs in: relative include folders are relative to it.</param>
    public static ClassifiedCompileFlags Classify(IReadOnlyList<string> arguments, string workingDirectory)
    {
        var includes = new List<string>();
        var defines = new List<string>();
        var others = new List<string>();
        string std = "";
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            if (DroppedWithValue.Contains(argument))
            {
                i++;
                continue;
            }
            if (Dropped.Contains(argument) || IsOptimizationLevel(argument))
            {
                continue;
            }
            if (argument.StartsWith("-std=", StringComparison.Ordinal))
            {
                std = argument["-std=".Length..];
                continue;
            }
            if (TryValue(arguments, ref i, "-D", out string define))
            {
                defines.Add(define);
                continue;
            }
            if (TryIncludeDirectory(arguments, ref i, out string include))
            {
                includes.Add(Path.GetFullPath(include, workingDirectory));
                continue;
            }
            others.Add(argument);
        }
        return new ClassifiedCompileFlags(includes, defines, std, others);
    }

    // -O, -O0..-O3, -Os, -Oz, -Ofast, -Og: the SDK's front end runs at -O2 whatever CMake's build type says.
    private static bool IsOptimizationLevel(string argument) =>
        argument.StartsWith("-O", StringComparison.Ordinal) && argument.Length <= 6 && argument.Skip(2).All(char.IsAsciiLetterOrDigit);

    private static bool TryIncludeDirectory(IReadOnlyList<string> arguments, ref int i, out string directory)
    {
        foreach (string option in IncludeOptions)
        {
            if (TryValue(arguments, ref i, option, out directory))
            {
                return true;
            }
        }
        directory = "";
        return false;
    }

    /// <summary><c>-Dx</c> or <c>-D x</c>.</summary>
    private static bool TryValue(IReadOnlyList<string> arguments, ref int i, string option, out string value)
    {
        string argument = arguments[i];
        value = "";
        if (argument == option && i + 1 < arguments.Count)
        {
            value = arguments[++i];
            return true;
        }
        if (argument.Length > option.Length && argument.StartsWith(option, StringComparison.Ordinal))
        {
            value = argument[option.Length..];
            return true;
        }
        return false;
    }
}
