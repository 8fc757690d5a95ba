using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// What an instruction rule sees of forward mode while it writes a tangent next to the primal.
/// With a width of N every shadow is an array of N lanes; <see cref="Lane"/> and
/// <see cref="FromLanes"/> convert.
/// </summary>
public interface ITangentContext
{
    LlvmBuilder Builder { get; }
    IrEmitter Emitter { get; }

    /// <summary>Number of tangents carried per value (<c>enzyme_width</c>).</summary>
    int Width { get; }

    /// <summary>Whether the activity analysis gave the value a shadow.</summary>
    bool IsShadowed(LlvmValue value);

    /// <summary>Whether the value has a shadow recorded or given by the analysis.</summary>
    bool HasShadow(LlvmValue value);

    /// <summary>The shadow of any value: recorded, a shadow global, or the inactive shadow (zero / mirror).</summary>
    LlvmValue Shadow(LlvmValue value);

    LlvmValue Lane(LlvmValue shadow, int lane);

    /// <summary>The zero tangent of a value of <paramref name="primalType"/>, all lanes.</summary>
    LlvmValue ZeroShadow(LlvmType primalType);

    LlvmValue FromLanes(LlvmType primalType, IReadOnlyList<LlvmValue> lanes);

    /// <summary>Records the shadow of a primal instruction.</summary>
    void Record(LlvmInstruction primal, LlvmValue shadow);

    /// <summary>Positions the builder right after the instruction (after the phis for a phi).</summary>
    void PositionAfter(LlvmInstruction instruction);

    /// <summary>Clones the instruction once per lane with the listed operands replaced by their shadows.</summary>
    void CloneWithShadows(LlvmInstruction instruction, params int[] shadowOperands);

    /// <summary>A phi of the shadow type, completed once every incoming shadow exists.</summary>
    void CreateShadowPhi(LlvmInstruction phi);

    /// <summary>A zero-initialised shadow for an allocation the analysis gave shadow memory.</summary>
    void CreateShadowAllocation(LlvmInstruction allocation);

    bool IsShadowAllocation(LlvmInstruction allocation);

    /// <summary>Calls go to the call rules, derivatives of user functions and custom derivatives.</summary>
    void VisitCall(LlvmInstruction call);

    /// <summary>Returns are rewritten to return the tangent once every block is done.</summary>
    void CollectReturn(LlvmInstruction ret);

    /// <summary>Whether the code runs on a GPU, where every thread of a kernel runs the derivative at once.</summary>
    bool IsGpuTarget { get; }

    /// <summary>The name of the function being differentiated, for messages.</summary>
    string PrimalName { get; }

    /// <summary>The ENZ error for an instruction on active values that forward mode cannot differentiate.</summary>
    EnzymeException Unsupported(LlvmInstruction at);
}
