using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// The derivative of a library call, looked up by callee name in <see cref="CallRules"/>: what
/// it means for the analyses (activity, memory written, whether it allocates) and what each
/// mode emits for it. A new special call is one subclass, registered in <see cref="CallRules"/>.
/// </summary>
public abstract class CallRule
{
    /// <summary>A short name for reports and documentation.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the rule covers this callee (an LLVM intrinsic or a C/C++ library name).</summary>
    public abstract bool Matches(LlvmFunction callee, bool isIntrinsic);

    /// <summary>The memory the call writes.</summary>
    public abstract CallWrites Writes { get; }

    /// <summary>Whether the call returns fresh memory (the root of a pointer, which can get shadow memory).</summary>
    public virtual bool Allocates => false;

    /// <summary>
    /// Activity: marks what the call makes shadowed; <paramref name="anyArgumentShadowed"/> counts
    /// derivative-carrying arguments. By default the result is a function of the arguments (math
    /// functions, frexp, modf): shadowed when an argument is and the result can carry a shadow.
    /// </summary>
    public virtual void VisitActivity(IActivityContext context, LlvmInstruction call, bool anyArgumentShadowed)
    {
        if (anyArgumentShadowed && TypeFacts.CanCarryShadow(call.Type))
        {
            context.Mark(call.Value);
        }
    }

    /// <summary>Forward mode: the tangent (or shadow) after the call.</summary>
    public abstract void EmitTangent(ITangentContext context, LlvmInstruction call);

    /// <summary>Reverse mode, forward sweep: shadows, and values the adjoint will need.</summary>
    public virtual void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction call)
    {
    }

    /// <summary>Reverse mode, reverse sweep: the call's adjoint.</summary>
    public abstract void EmitAdjoint(IAdjointContext context, LlvmInstruction call);
}
