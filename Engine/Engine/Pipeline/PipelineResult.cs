namespace Enzyme.Engine.Pipeline;

/// <summary>What a successful <see cref="ModulePipeline"/> run produced.</summary>
public sealed record PipelineResult(string OutputPath, OutputKind Kind, string TargetTriple, long OutputBytes, IReadOnlyList<string> Report)
{
    /// <summary>One line each, to show although the output was written (ENZ5xxx).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
