using Enzyme.Llvm;

namespace Enzyme.Engine.Frontend;

/// <summary>
/// A parsed call to the Enzyme C API: what to differentiate, how, and with which values.
/// <see cref="ResultPointer"/> is set when the call returns a large struct through a hidden
/// <c>sret</c> pointer (its first argument), of type <see cref="ResultType"/>.
/// </summary>
public sealed record DifferentiationRequest(
    EnzymeCallSite Site,
    LlvmFunction Function,
    int Width,
    IReadOnlyList<RequestArgument> Arguments,
    IReadOnlyList<LlvmInstruction> MarkerLoads,
    LlvmValue? ResultPointer = null,
    LlvmType? ResultType = null);
