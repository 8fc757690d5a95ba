using Enzyme.Engine.Frontend;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>A call replaced by its augmented function: what the reverse sweep needs to call the reverse function.</summary>
internal sealed record SplitCall(SplitGradient Gradient, IReadOnlyList<ArgumentActivity> Activities, LlvmValue Tape, LlvmValue? Result, bool ResultActive);
