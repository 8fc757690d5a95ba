using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// The two halves of a forward split (<c>__enzyme_augmentfwd</c> then <c>__enzyme_fwdsplit</c>):
/// <see cref="Augmented"/> takes the arguments (a shadow after each duplicated pointer), runs the primal and
/// returns the tape (<c>{result, tape}</c> when <see cref="ReturnsPrimal"/>); <see cref="Tangent"/> takes the
/// forward-mode arguments (each duplicated value followed by its tangent or shadow) and the tape, and returns the
/// result's tangent when <see cref="ReturnsTangent"/> (void otherwise). It runs none of the primal again.
/// </summary>
internal sealed record ForwardSplitPair(LlvmFunction Augmented, LlvmFunction Tangent, bool ReturnsPrimal, bool ReturnsTangent);
