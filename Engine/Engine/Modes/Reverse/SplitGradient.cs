using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// A gradient in two halves, for calls that cannot be inlined (recursion):
/// <see cref="Augmented"/> runs the primal and returns <c>{result, tape}</c> (or the tape alone
/// for void functions; <c>{result, tape, shadow of result}</c> when <see cref="ReturnsShadow"/>); <see cref="Reverse"/> takes the same arguments and shadows, the result's
/// adjoint when it is active, and the tape, and returns the active scalars' adjoints.
/// </summary>
internal sealed record SplitGradient(LlvmFunction Augmented, LlvmFunction Reverse, bool ReturnsPrimal, bool ReturnsShadow = false);
