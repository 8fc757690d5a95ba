using Enzyme.Engine.Bindings;
using Enzyme.Engine.Frontend;

namespace Enzyme.Cli;

/// <summary>
/// Parses <c>enzyme-ad bindings [-o OUT.g.cs --namespace NS --class CLASS] [--c-header OUT.h]
/// --library NAME [--gradient SPEC]... [--clang-arg ARG]... [--portable-c-long] SOURCE...</c>: at least one of the
/// C# bindings (<c>-o</c>) and the C header (<c>--c-header</c>).
/// </summary>
public static class BindingsCommandLineParser
{
    public static BindingsOptions Parse(IReadOnlyList<string> args)
    {
        string? output = null, cHeader = null, library = null, @namespace = null, @class = null;
        var sources = new List<string>();
        var clangArguments = new List<string>();
        var gradients = new List<GradientSpecification>();
        bool portableCLong = false;
        string? torchOutput = null;
        var torchLayers = new List<string>();
        var sizes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (CommandLineParser.TryValue(args, ref i, "-o", "--output", out string? value))
            {
                output = value;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--c-header", null, out value))
            {
                cHeader = value;
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
            else if (arg == "--portable-c-long")
            {
                portableCLong = true;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--torch", null, out value))
            {
                torchOutput = value;
            }
            else if (CommandLineParser.TryValue(args, ref i, "--torch-layer", null, out value))
            {
                torchLayers.Add(value!);
            }
            else if (CommandLineParser.TryValue(args, ref i, "--sizes", null, out value))
            {
                (string gradient, IReadOnlyDictionary<string, string> counts) = ElementCountsParser.Parse(value!);
                sizes[gradient] = counts;
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
        if (output is null && cHeader is null)
        {
            throw CommandLineParser.Invalid("bindings: no output file (-o OUT.g.cs or --c-header OUT.h)");
        }
        // Only the C# bindings have a namespace and a class.
        if (output is not null && @namespace is null)
        {
            throw CommandLineParser.Invalid("bindings: no --namespace");
        }
        if (output is not null && @class is null)
        {
            throw CommandLineParser.Invalid("bindings: no --class");
        }
        return new BindingsOptions
        {
            Sources = sources.Count > 0 ? sources : throw CommandLineParser.Invalid("bindings: no source files"),
            Output = output,
            CHeaderOutput = cHeader,
            Library = library ?? throw CommandLineParser.Invalid("bindings: no --library name"),
            Namespace = @namespace ?? "",
            Class = @class ?? "",
            ClangArguments = clangArguments,
            PortableCLong = portableCLong,
            Gradients = gradients,
            TorchOutput = torchOutput,
            TorchLayers = torchLayers,
            Sizes = sizes,
        };
    }
}
