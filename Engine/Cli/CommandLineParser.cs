using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Pipeline;

namespace Enzyme.Cli;

/// <summary>
/// Parses <c>enzyme-ad IN… -o OUT [-O0|-O1|-O2|-O3] [--target T] [--cpu C] [--passes P]</c>.
/// Options taking a value accept it as the next argument or after '='.
/// </summary>
public static class CommandLineParser
{
    public const string Usage =
        "usage: enzyme-ad IN.{bc,ll} [IN2 ...] -o OUT.{bc,ll,o,s,ptx} [-O0|-O1|-O2|-O3] [--target TRIPLE] [--cpu NAME] [--passes PIPELINE] [--gradient NAME=FUNCTION:MODE:ACTIVITIES]... [--report] [--no-preopt] [--openmp-atomic-scalar-adjoints]\n" +
        "       enzyme-ad bindings [-o OUT.g.cs --library NAME --namespace NS --class CLASS] [--c-header OUT.h] [--gradient SPEC]... [--clang-arg ARG]... [--portable-c-long] SOURCE...";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var inputs = new List<string>();
        var gradients = new List<GradientSpecification>();
        string? output = null, target = null, cpu = null, passes = null;
        int level = 2;
        bool help = false, version = false, report = false, optimiseFirst = true, privateScalarAdjoints = true;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    help = true;
                    continue;
                case "--version":
                    version = true;
                    continue;
                case "--report":
                    report = true;
                    continue;
                case "--no-preopt":
                    optimiseFirst = false;
                    continue;
                case "--openmp-atomic-scalar-adjoints":
                    privateScalarAdjoints = false;
                    continue;
                case "-O0" or "-O1" or "-O2" or "-O3":
                    level = arg[2] - '0';
                    continue;
            }
            if (TryValue(args, ref i, "-o", "--output", out string? value))
            {
                output = output is null ? value : throw Invalid("more than one output file (-o) given");
            }
            else if (TryValue(args, ref i, "--target", null, out value))
            {
                target = value;
            }
            else if (TryValue(args, ref i, "--cpu", null, out value))
            {
                cpu = value;
            }
            else if (TryValue(args, ref i, "--passes", null, out value))
            {
                passes = value;
            }
            else if (TryValue(args, ref i, "--gradient", null, out value))
            {
                gradients.Add(GradientSpecification.Parse(value!));
            }
            else if (arg.StartsWith('-') && arg != "-")
            {
                throw Invalid($"unknown option '{arg}'");
            }
            else
            {
                inputs.Add(arg);
            }
        }

        if (help || version)
        {
            return new CommandLine(null, help, version);
        }
        if (inputs.Count == 0)
        {
            throw Invalid("no input files");
        }
        if (output is null)
        {
            throw Invalid("no output file: give one with -o OUT.{bc,ll,o,s,ptx}");
        }
        var options = new PipelineOptions
        {
            Inputs = inputs,
            Output = output,
            OptimizationLevel = level,
            TargetTriple = target,
            Cpu = cpu,
            Passes = passes,
            Gradients = gradients,
            OptimiseBeforeDifferentiation = optimiseFirst,
            PrivateScalarAdjointsInParallelRegions = privateScalarAdjoints,
        };
        return new CommandLine(options, false, false, report);
    }

    /// <summary>Matches <c>-o X</c>, <c>-oX</c> (short form only), <c>--long X</c> and <c>--long=X</c>.</summary>
    internal static bool TryValue(IReadOnlyList<string> args, ref int i, string name, string? longName, out string? value)
    {
        string arg = args[i];
        foreach (string? option in new[] { name, longName })
        {
            if (option is null)
            {
                continue;
            }
            if (arg == option)
            {
                if (i + 1 >= args.Count)
                {
                    throw Invalid($"option '{option}' needs a value");
                }
                value = args[++i];
                return true;
            }
            if (arg.StartsWith(option + "=", StringComparison.Ordinal))
            {
                value = arg[(option.Length + 1)..];
                return true;
            }
        }
        if (name.Length == 2 && arg.Length > 2 && arg.StartsWith(name, StringComparison.Ordinal) && !arg.StartsWith("--", StringComparison.Ordinal))
        {
            value = arg[2..];
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Diagnostics are one line: they quote the first usage line only.</summary>
    internal static EnzymeException Invalid(string message) =>
        new(DiagnosticCodes.InvalidCommandLine, $"{message} ({Usage.Split('\n')[0].Trim()})");
}
