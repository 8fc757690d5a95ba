using Enzyme.Llvm;

namespace Enzyme.Engine.Frontend;

/// <summary>A parsed call to the Enzyme C API: what to differentiate, how, and with which values.</summary>
public sealed record DifferentiationRequest(
    EnzymeCallSite Site,
    LlvmFunction Function,
    int Width,
    IReadOnlyList<RequestArgument> Arguments,
    IReadOnlyList<LlvmInstruction> MarkerLoads);
