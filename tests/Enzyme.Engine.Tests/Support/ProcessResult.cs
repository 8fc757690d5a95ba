namespace Enzyme.Engine.Tests.Support;

/// <summary>Exit code and captured output of a child process.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
