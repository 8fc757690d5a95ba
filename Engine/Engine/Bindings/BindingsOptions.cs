using Enzyme.Engine.Frontend;

namespace Enzyme.Engine.Bindings;

/// <summary>What <c>enzyme-ad bindings</c> reads and writes.</summary>
public sealed record BindingsOptions
{
    public required IReadOnlyList<string> Sources { get; init; }
    /// <summary>The C# bindings file; null when only a C header is asked for.</summary>
    public string? Output { get; init; }
    public required string Library { get; init; }
    /// <summary>Namespace and class of the C# bindings; required with <see cref="Output"/>.</summary>
    public string Namespace { get; init; } = "";
    public string Class { get; init; } = "";
    /// <summary>The C header with the same prototypes (<c>--c-header</c>); null when not asked for.</summary>
    public string? CHeaderOutput { get; init; }
    public IReadOnlyList<string> ClangArguments { get; init; } = [];
    public IReadOnlyList<GradientSpecification> Gradients { get; init; } = [];
    /// <summary>
    /// <c>--portable-c-long</c>: C's <c>long</c>/<c>unsigned long</c> become <c>CLong</c>/<c>CULong</c> (32 bits
    /// on Windows, 64 on Linux), for a library built for Windows as well as Linux.
    /// </summary>
    public bool PortableCLong { get; init; }
    /// <summary>The TorchSharp layers file (<c>--torch</c>), with the gradients it covers (<c>--torch-layer</c>); null when not asked for.</summary>
    public string? TorchOutput { get; init; }
    public IReadOnlyList<string> TorchLayers { get; init; } = [];
    /// <summary>Per gradient name: pointer parameter → the integer parameter holding its element count (<c>--sizes</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sizes { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
