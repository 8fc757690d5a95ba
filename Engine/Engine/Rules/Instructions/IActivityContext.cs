using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// What an instruction rule sees of the activity analysis: which values have shadows, and the
/// requests that give a value or the memory behind a pointer one.
/// </summary>
public interface IActivityContext
{
    /// <summary>Whether the value has a shadow (a tangent, an adjoint, or a shadow address).</summary>
    bool IsShadowed(LlvmValue value);

    /// <summary>Gives the value a shadow (the analysis iterates until nothing changes).</summary>
    void Mark(LlvmValue value);

    /// <summary>Gives an allocation's result a shadow and shadow memory (a reallocation of shadowed memory).</summary>
    void MarkShadowAllocation(LlvmInstruction allocation);

    /// <summary>Whether the function's returned pointer must come with a shadow.</summary>
    bool ReturnNeedsShadow { get; }

    /// <summary>Gives shadow memory to the objects <paramref name="pointer"/> may be based on.</summary>
    void RequireShadowMemory(LlvmValue pointer, LlvmInstruction site, bool reportConstant);

    /// <summary>
    /// A shadowed pointer phi or select needs a shadow from each source: an allocation on the
    /// other path without one would leave the primal pointer standing in for its shadow.
    /// </summary>
    void RequireShadowsOfEverySource(LlvmInstruction instruction);

    /// <summary>Calls are decided by the call rules and the analysis of user functions.</summary>
    void VisitCall(LlvmInstruction call);
}
