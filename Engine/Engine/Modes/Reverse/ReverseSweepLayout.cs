using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Where a combined gradient's forward sweep hands over to its reverse sweep: the branch that
/// ends the forward sweep, the primal's return value there, and the blocks of the reverse
/// sweep, and the returned pointer's shadow when the caller asked for it. <see cref="GradientSplitter"/>
/// cuts the function in two along this line.
/// </summary>
internal sealed record ReverseSweepLayout(LlvmInstruction ForwardExit, LlvmValue? ReturnedValue, IReadOnlySet<LLVMBasicBlockRef> ReverseBlocks,
    LlvmValue? ReturnedShadow = null);
