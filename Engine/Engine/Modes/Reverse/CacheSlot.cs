using Enzyme.Engine.Analysis;
using Enzyme.Llvm;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Where the forward sweep keeps a value for the reverse sweep: a stack slot for a value
/// outside loops, or a growable array indexed by its innermost loop's iteration counter.
/// </summary>
internal sealed record CacheSlot(LlvmValue Value, NaturalLoop? Loop, LlvmValue Storage, LlvmValue? Capacity)
{
    /// <summary>A loop cache's per-thread home between gradient calls (<see cref="Rules.CachePool"/>); a null pointer on GPUs.</summary>
    public LlvmValue Home { get; init; }

    /// <summary>What the forward sweep does to fill the cache (removed again if nothing reads it).</summary>
    public List<LlvmValue> ForwardInstructions { get; } = [];

    /// <summary>The reverse sweep's reads of the cache.</summary>
    public List<LlvmValue> Reads { get; } = [];
}
