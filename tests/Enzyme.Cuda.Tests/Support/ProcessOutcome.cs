namespace Enzyme.Cuda.Tests.Support;

/// <summary>Exit code and captured streams of a finished process.</summary>
public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    public string Combined => StandardOutput + StandardError;
}
