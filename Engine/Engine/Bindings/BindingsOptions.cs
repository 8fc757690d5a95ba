using Enzyme.Engine.Frontend;

namespace Enzyme.Engine.Bindings;

/// <summary>What <c>enzyme-ad bindings</c> reads and writes.</summary>
public sealed record BindingsOptions
{
    public required IReadOnlyList<string> Sources { get; init; }
    public required string Output { get; init; }
    public required string Library { get; init; }
    public required string Namespace { get; init; }
    public required string Class { get; init; }
    public IReadOnlyList<string> ClangArguments { get; init; } = [];
    public IReadOnlyList<GradientSpecification> Gradients { get; init; } = [];
}
