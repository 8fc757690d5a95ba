using Enzyme.Engine.Annotations;
using Enzyme.Engine.Rules.Calls;
using Enzyme.Llvm;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// A classified call: its kind, the callee when known, and the library rule or custom derivative to use.
/// <see cref="Gradient"/> is the program's custom gradient for the callee, which reverse mode uses
/// in preference to the body or a rule; forward mode ignores it.
/// </summary>
public sealed record CallTarget(CallKind Kind, LlvmFunction? Callee, CallRule? LibraryRule = null, LlvmFunction? CustomDerivative = null, CustomGradient? Gradient = null)
{
    public string CalleeName => Callee?.Name ?? "<indirect>";
}
