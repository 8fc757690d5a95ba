using Enzyme.Engine.Transforms;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// What an instruction rule sees of reverse mode's forward sweep: the primal runs unchanged,
/// and only addresses and integers with shadows are mirrored there (floating-point data gets
/// its adjoints in the reverse sweep).
/// </summary>
public interface IForwardSweepContext
{
    IrEmitter Emitter { get; }

    /// <summary>Whether the activity analysis gave the value a shadow.</summary>
    bool IsShadowed(LlvmValue value);

    /// <summary>Keeps a value the forward sweep computed for the call's adjoint (<see cref="IAdjointContext.Kept"/>).</summary>
    void KeepForReverse(LlvmInstruction call, LlvmValue value);

    /// <summary>Moves a free to the end of the outermost reverse sweep, which still reads the block.</summary>
    void DeferFree(LlvmInstruction call);

    /// <summary>A shadowed address or integer (not floating-point data): its shadow is computed in the forward sweep.</summary>
    bool IsMirrored(LlvmInstruction instruction);

    /// <summary>Whether the value has a shadow available in the forward sweep.</summary>
    bool HasShadow(LlvmValue value);

    /// <summary>Clones the instruction with the listed operands replaced by their shadows.</summary>
    void Mirror(LlvmInstruction instruction, params int[] shadowOperands);

    /// <summary>A phi of shadow addresses, completed once every incoming shadow exists.</summary>
    void CreateShadowPhi(LlvmInstruction phi);

    bool IsShadowAllocation(LlvmInstruction allocation);

    /// <summary>A zero-initialised shadow for an allocation the analysis gave shadow memory.</summary>
    void CreateShadowAllocation(LlvmInstruction allocation);

    /// <summary>The shadow address of a pointer that <see cref="HasShadow"/>, usable right after its definition.</summary>
    LlvmValue ShadowAddress(LlvmValue pointer);

    /// <summary>
    /// Marks code a rule added to the forward sweep (a runtime call recording what its adjoint needs): the
    /// reverse sweep neither reverses nor recomputes it.
    /// </summary>
    void MarkInstrumentation(LlvmValue instruction);

    /// <summary>The name of the function being differentiated, for messages.</summary>
    string PrimalName { get; }

    /// <summary>Calls go to the call rules, augmented calls and deferred frees.</summary>
    void InstrumentCall(LlvmInstruction call);
}
