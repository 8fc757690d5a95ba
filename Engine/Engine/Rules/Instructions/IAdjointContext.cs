using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// What an instruction rule sees of reverse mode while it writes an instruction's adjoint into
/// the reverse sweep: adjoint slots, primal values made available there (used directly,
/// recomputed, reloaded or cached: the rule does not care which), and shadow addresses.
/// </summary>
public interface IAdjointContext
{
    LlvmBuilder Builder { get; }
    IrEmitter Emitter { get; }

    /// <summary>Whether the activity analysis gave the value a shadow.</summary>
    bool IsShadowed(LlvmValue value);

    /// <summary>What the forward sweep kept for this call (<see cref="IForwardSweepContext.KeepForReverse"/>), available here.</summary>
    LlvmValue Kept(LlvmInstruction call);

    /// <summary>Records, as the reverse sweep passes it, a free the forward sweep deferred.</summary>
    void RecordDeferredFree(LlvmInstruction call);

    /// <summary>An active floating-point value (it has an adjoint).</summary>
    bool IsActive(LlvmValue value);

    /// <summary>Reads an instruction's accumulated adjoint and resets it (loops define the value again).</summary>
    LlvmValue TakeAdjoint(LlvmValue value);

    /// <summary>adjoint(value) += delta; nothing for constants and inactive values.</summary>
    void AddToAdjoint(LlvmValue value, LlvmValue delta);

    /// <summary>A primal value, usable in the current reverse block.</summary>
    LlvmValue Primal(LlvmValue value);

    /// <summary>Whether a pointer has a shadow address.</summary>
    bool HasShadow(LlvmValue pointer);

    /// <summary>The shadow address of a pointer, usable in the current reverse block.</summary>
    LlvmValue ShadowAddress(LlvmValue pointer);

    /// <summary>*shadow(pointer) += delta: plain, or atomic where several threads may share the memory (GPU).</summary>
    void AccumulateIntoShadow(LlvmValue pointer, LlvmValue delta, uint alignment);

    /// <summary>Calls go to the call rules, split calls and custom gradients.</summary>
    void ReverseCall(LlvmInstruction call);

    /// <summary>
    /// Whether other threads may read or update this memory while the reverse sweep runs (GPU memory
    /// that is not the thread's own stack): their shadow updates must be atomic, and a derivative that
    /// depends on the order in which the threads ran cannot be formed.
    /// </summary>
    bool IsSharedBetweenThreads(LlvmValue pointer);

    /// <summary>The name of the function being differentiated, for messages.</summary>
    string PrimalName { get; }

    /// <summary>The ENZ error for a construct reverse mode cannot differentiate.</summary>
    EnzymeException Unsupported(LlvmInstruction at, string what);
}
