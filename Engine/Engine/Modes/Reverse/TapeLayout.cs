using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The struct a split gradient's tape holds: which field each crossing stack allocation and each
/// crossing value occupies (padding fields sit between them), and the alignment the block needs.
/// </summary>
internal sealed record TapeLayout(LlvmType Type, IReadOnlyList<int> AllocaFields, IReadOnlyList<int> ValueFields, uint Alignment);
