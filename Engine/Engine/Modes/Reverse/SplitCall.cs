using Enzyme.Engine.Frontend;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// A call replaced by its augmented function: what the reverse sweep needs to call the reverse function.
/// <see cref="CalleePointer"/>: the called pointer of a call through a pointer, whose halves are dispatchers taking it first.
/// </summary>
internal sealed record SplitCall(SplitGradient Gradient, IReadOnlyList<ArgumentActivity> Activities, LlvmValue Tape, LlvmValue? Result, bool ResultActive,
    LlvmValue? CalleePointer = null);
