using System.Diagnostics;

namespace Enzyme.Engine.Tests.Fuzz;

/// <summary>Runs a child process with an argument list and a time limit, capturing its output.</summary>
public static class FuzzProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);

    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited in the meantime.
            }
            process.WaitForExit();
            return new Result(-1, stdout.Result, stderr.Result, true);
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result, false);
    }
}
