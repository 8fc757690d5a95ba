using System.Reflection;
using Enzyme.Engine.Bindings;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Pipeline;

namespace Enzyme.Cli;

/// <summary>The <c>enzyme-ad</c> command, callable in-process (tests) or from <c>Main</c>.</summary>
public static class EnzymeAdCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count > 0 && args[0] == "bindings")
        {
            return RunBindings(args.Skip(1).ToList(), stderr);
        }
        if (args.Count > 0 && args[0] == "check-gradients")
        {
            return RunGradientCheck(args.Skip(1).ToList(), stdout, stderr);
        }
        CommandLine commandLine;
        try
        {
            commandLine = CommandLineParser.Parse(args);
        }
        catch (EnzymeException e)
        {
            Report(e, stderr);
            return UsageError;
        }
        if (commandLine.ShowHelp)
        {
            stdout.WriteLine(CommandLineParser.Usage);
            return Success;
        }
        if (commandLine.ShowVersion)
        {
            string version = typeof(EnzymeAdCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            stdout.WriteLine($"enzyme-ad {version} (LLVM {Enzyme.Llvm.LlvmTargets.LibraryVersion})");
            return Success;
        }

        PipelineOptions options = commandLine.Options!;
        LlvmFatalErrorReporter.OutputToRemove = ModulePipeline.MayRemoveOutput(options) ? options.Output : null;
        try
        {
            PipelineResult result = ModulePipeline.Run(options);
            foreach (string warning in result.Warnings)
            {
                stderr.WriteLine($"enzyme-ad: {warning}");
            }
            if (commandLine.ShowReport)
            {
                foreach (string line in result.Report)
                {
                    stdout.WriteLine(line);
                }
            }
            return Success;
        }
        catch (EnzymeException e)
        {
            Report(e, stderr);
            return Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportInternalError(e, stderr);
            return Failure;
        }
        finally
        {
            LlvmFatalErrorReporter.OutputToRemove = null;
        }
    }

    private static int RunBindings(IReadOnlyList<string> args, TextWriter stderr)
    {
        BindingsOptions options;
        try
        {
            options = BindingsCommandLineParser.Parse(args);
        }
        catch (EnzymeException e)
        {
            Report(e, stderr);
            return UsageError;
        }
        try
        {
            BindingsGenerator.Run(options);
            return Success;
        }
        catch (EnzymeException e)
        {
            Report(e, stderr);
            return Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportInternalError(e, stderr);
            return Failure;
        }
    }

    private static int RunGradientCheck(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return GradientCheckCommand.Run(args, stdout);
        }
        catch (EnzymeException e)
        {
            Report(e, stderr);
            return Failure;
        }
    }

    /// <summary>
    /// An engine bug, not a property of the input: one diagnostic line with where it happened, instead
    /// of a .NET stack dump. Outputs are written atomically at the very end, so none is left behind.
    /// </summary>
    private static void ReportInternalError(Exception e, TextWriter stderr)
    {
        string frame = e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "no stack";
        string message = $"internal error ({e.GetType().Name}: {EnzymeDiagnostic.OneLine(e.Message)}; {frame}); this is a bug in enzyme-ad: please report it with the input files";
        stderr.WriteLine(new EnzymeDiagnostic(DiagnosticCodes.InternalError, message).Format());
    }

    private static void Report(EnzymeException e, TextWriter stderr)
    {
        foreach (EnzymeDiagnostic diagnostic in e.Diagnostics)
        {
            stderr.WriteLine(diagnostic.Format());
        }
    }
}
