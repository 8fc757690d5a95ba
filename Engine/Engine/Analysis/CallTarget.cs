using Enzyme.Engine.Rules;
using Enzyme.Llvm;

namespace Enzyme.Engine.Analysis;

/// <summary>A classified call: its kind, the callee when known, and the rule or custom derivative to use.</summary>
public sealed record CallTarget(CallKind Kind, LlvmFunction? Callee, DerivativeRule? Rule = null, LlvmFunction? CustomDerivative = null)
{
    public string CalleeName => Callee?.Name ?? "<indirect>";
}
