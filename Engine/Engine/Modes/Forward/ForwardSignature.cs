using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// Identifies one forward derivative: the function, which parameters carry shadows, the
/// number of tangent lanes, and what it returns. Equal signatures share one function.
/// </summary>
public sealed record ForwardSignature(LlvmFunction Function, IReadOnlyList<bool> ShadowedParameters, int Width, ForwardReturn Return)
{
    public string Key => $"{Function.Handle.Handle:x}|{string.Concat(ShadowedParameters.Select(s => s ? 'd' : 'c'))}|{Width}|{Return}";
}
