using Enzyme.Engine.Bindings;
using Enzyme.Engine.Frontend;

namespace Enzyme.Cli;

/// <summary>
/// Parses <c>enzyme-ad bindings -o OUT.g.cs --library NAME --namespace NS --class CLASS
/// [--gradient SPEC]... [--clang-arg ARG]... SOURCE...</c>.
/// </summary>
public static class BindingsCommandLineParser
{
    public static BindingsOptions Parse(IReadOnlyList<string> args)
    {
        string? output = null, library = null, @namespace = null, @class = null;
        var sources = new List<string>();
        var clangArguments = new List<string>();
        var gradients = new List<GradientSpecification>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (CommandLineParser.TryValue(args, ref i, "-o", "--output", out string? value))
            {
                output = value;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--library", null, out value))
            {
                library = value;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--namespace", null, out value))
            {
                @namespace = value;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--class", null, out value))
            {
                @class = value;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--gradient", null, out value))
            {
                gradients.Add(GradientSpecification.Parse(value!));
            }
            else if (CommandLineParser.TryValue(args, ref i, "--clang-arg", null, out value))
            {
                clangArguments.Add(value!);
            }
            else if (arg.StartsWith('-'))
            {
                throw CommandLineParser.Invalid($"unknown option '{arg}' for bindings");
            }
            else
            {
                sources.Add(arg);
            }
        }
        return new BindingsOptions
        {
            Sources = sources.Count > 0 ? sources : throw CommandLineParser.Invalid("bindings: no source files"),
            Output = output ?? throw CommandLineParser.Invalid("bindings: no output file (-o OUT.g.cs)"),
            Library = library ?? throw CommandLineParser.Invalid("bindings: no --library name"),
            Namespace = @namespace ?? throw CommandLineParser.Invalid("bindings: no --namespace"),
            Class = @class ?? throw CommandLineParser.Invalid("bindings: no --class"),
            ClangArguments = clangArguments,
            Gradients = gradients,
        };
    }
}
