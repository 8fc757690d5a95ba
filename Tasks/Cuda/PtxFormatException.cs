namespace Enzyme.Sdk.Tasks.Cuda;

/// <summary>An <c>.entry</c> declaration the reader cannot make sense of, at a 1-based line.</summary>
public sealed class PtxFormatException(int line, string message) : Exception($"line {line}: {message}")
{
    public int Line { get; } = line;

    /// <summary>The message without the line prefix, for diagnostics that carry the line separately.</summary>
    public string Reason { get; } = message;
}
