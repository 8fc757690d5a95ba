using Enzyme.Engine.Analysis;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Where the forward sweep keeps a value for the reverse sweep: a stack slot for a value
/// outside loops, or a growable array indexed by its innermost loop's iteration counter.
/// </summary>
internal sealed record CacheSlot(LlvmValue Value, NaturalLoop? Loop, LlvmValue Storage, LlvmValue? Capacity);
