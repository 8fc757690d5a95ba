using Enzyme.Engine.Frontend;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// A parallel region whose forward sweep forked the augmented wrapper (<see cref="ParallelForkWrappers"/>):
/// the captured arguments' activities, the tape array and its length (read after the fork), and the
/// reverse wrapper the reverse sweep forks.
/// </summary>
internal sealed record ParallelForkCall(IReadOnlyList<ArgumentActivity> Activities, LlvmValue Tapes, LlvmValue TapeCount, LlvmFunction ReverseWrapper);
