namespace Enzyme.Sdk.Tests.Support;

/// <summary>Exit code and captured output of a child process.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>What a failed assertion prints: the command and everything it wrote.</summary>
    public override string ToString() =>
        $"$ {CommandLine}\n(exit code {ExitCode})\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
