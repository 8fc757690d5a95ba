using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Once the reverse sweep is emitted: removes the partial derivatives nothing uses (and with them
/// the cache reads only they needed), then the caches nothing reads any more with the
/// forward-sweep code that filled them, and reports what the remaining caches keep.
/// </summary>
internal sealed class ReverseSweepCleanup
{
    private readonly ReverseGradientState _state;

    public ReverseSweepCleanup(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>
    /// Partial derivatives are formed for every operand a rule names; those of inactive operands
    /// are never used. Removing them (pure instructions without users, to a fixed point) shows
    /// which cache reads are really needed.
    /// </summary>
    public void RemoveDeadReverseCode()
    {
        bool removed = true;
        while (removed)
        {
            removed = false;
            foreach (LlvmBasicBlock block in _state.ReverseRegion)
            {
                foreach (LlvmInstruction instruction in block.Instructions.Reverse().ToList())
                {
                    if (IsPure(instruction) && !instruction.Value.Users.Any())
                    {
                        foreach (CacheSlot cache in _state.Caches.Values)
                        {
                            cache.Reads.RemoveAll(r => r.Handle == instruction.Handle);
                        }
                        instruction.EraseFromParent();
                        removed = true;
                    }
                }
            }
        }
    }

    private static bool IsPure(LlvmInstruction instruction) => instruction.Opcode switch
    {
        LLVMOpcode.LLVMStore or LLVMOpcode.LLVMBr or LLVMOpcode.LLVMSwitch or LLVMOpcode.LLVMRet or LLVMOpcode.LLVMUnreachable
            or LLVMOpcode.LLVMAtomicRMW or LLVMOpcode.LLVMFence => false,
        LLVMOpcode.LLVMCall => instruction.CalledValue.Name is { } name
            && (name.StartsWith("llvm.", StringComparison.Ordinal) && !name.StartsWith("llvm.mem", StringComparison.Ordinal)
                || name == RuntimeSupport.DigammaName),
        _ => true,
    };

    /// <summary>Drops caches nothing reads any more, with the forward-sweep code that filled them.</summary>
    public void RemoveUnreadCaches()
    {
        foreach ((LLVMValueRef key, CacheSlot cache) in _state.Caches.ToList())
        {
            if (cache.Reads.Count > 0)
            {
                continue;
            }
            foreach (LlvmValue instruction in cache.ForwardInstructions)
            {
                instruction.AsInstruction()!.Value.EraseFromParent();
            }
            foreach (LlvmValue slot in new[] { cache.Storage, cache.Capacity }.OfType<LlvmValue>())
            {
                foreach (LlvmValue user in slot.Users.ToList())
                {
                    user.AsInstruction()!.Value.EraseFromParent();
                }
                slot.AsInstruction()!.Value.EraseFromParent();
            }
            _state.Caches.Remove(key);
        }
    }

    /// <summary>One line per gradient: what its forward sweep keeps for the reverse sweep.</summary>
    public void ReportCaches()
    {
        LlvmTargetData layout = _state.Generator.Module.TargetData;
        var perLoop = _state.Caches.Values.Where(c => c.Loop is not null).GroupBy(c => c.Loop!.Id).OrderBy(g => g.Key)
            .Select(g => $"loop {g.Key} (depth {g.First().Loop!.Depth}): {g.Count()} value(s), {g.Sum(c => (long)layout.AbiSizeOf(c.Value.Type))} bytes per iteration")
            .ToList();
        int slots = _state.Caches.Values.Count(c => c.Loop is null);
        string loops = _state.Loops.Loops.Count == 0 ? "no loops" : $"{_state.Loops.Loops.Count} loop(s)";
        string detail = perLoop.Count == 0 ? "nothing cached per iteration" : string.Join("; ", perLoop);
        _state.Generator.Report.Add($"{_state.Function.Name}: reverse mode, {loops}, {slots} value(s) cached outside loops; {detail}");
        // Then what each cache holds and where that value comes from, so a user can see which
        // line of the source costs memory (and whether a loop's trip count could spare it).
        foreach (CacheSlot cache in _state.Caches.Values.OrderBy(c => c.Loop?.Id ?? -1))
        {
            string where = cache.Loop is null ? "outside loops" : $"loop {cache.Loop.Id}";
            string text = cache.Value.PrintToString().Trim();
            int metadata = text.IndexOf(", !", StringComparison.Ordinal);
            text = metadata > 0 ? text[..metadata] : text;
            string source = cache.Value.AsInstruction()?.DebugLocation is { Line: > 0 } location ? $" ({Path.GetFileName(location.File)}:{location.Line})" : string.Empty;
            _state.Generator.Report.Add($"  {where}: {(text.Length > 120 ? text[..120] + "…" : text)}{source}");
        }
    }
}
