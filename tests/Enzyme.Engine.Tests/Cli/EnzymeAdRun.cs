using Enzyme.Cli;

namespace Enzyme.Engine.Tests.Cli;

/// <summary>Runs <c>enzyme-ad</c> in-process and captures what it prints.</summary>
public sealed record EnzymeAdRun(int ExitCode, string StandardOutput, string StandardError)
{
    public static EnzymeAdRun Invoke(params string[] arguments)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = EnzymeAdCommand.Run(arguments, stdout, stderr);
        return new EnzymeAdRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The lines written to standard error, without the trailing empty one.</summary>
    public string[] ErrorLines => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
