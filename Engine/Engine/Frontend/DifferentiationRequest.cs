using Enzyme.Llvm;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// A parsed call to the Enzyme C API: what to differentiate, how, and with which values.
/// <see cref="ResultPointer"/> is set when the call returns a large struct through a hidden
/// <c>sret</c> pointer (its first argument), of type <see cref="ResultType"/>. Split-mode calls
/// (<c>__enzyme_augmentfwd</c>, <c>__enzyme_reverse</c>) may name a caller-provided tape buffer
/// (<c>enzyme_tape, buffer</c>) and its size (<c>enzyme_allocated, bytes</c>), and pass values after
/// the function's arguments (<see cref="Trailing"/>: the result's adjoint, the tape).
/// </summary>
public sealed record DifferentiationRequest(
    EnzymeCallSite Site,
    LlvmFunction Function,
    int Width,
    IReadOnlyList<RequestArgument> Arguments,
    IReadOnlyList<LlvmInstruction> MarkerLoads,
    LlvmValue? ResultPointer = null,
    LlvmType? ResultType = null,
    LlvmValue? TapeBuffer = null,
    LlvmValue? AllocatedSize = null,
    IReadOnlyList<LlvmValue>? Trailing = null);
