using Enzyme.Engine.Rules.Calls;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Analysis;

/// <summary>
/// Finds loads the reverse sweep can execute again instead of caching their value: loads whose
/// memory nothing may write after them in the forward sweep (the reverse sweep never writes
/// primal memory, so it then still holds the value). "After" is control-flow reachability: a
/// write in a block reachable from the load's block, later in the same block, or anywhere in a
/// loop containing the load. Objects are told apart by their base (argument, alloca,
/// allocation call, global); two arguments may alias unless one is <c>noalias</c>; a write
/// through a pointer of unknown origin, or an opaque call, may write anything. Frees do not
/// count: the reverse sweep defers them.
/// </summary>
public sealed class StableMemoryAnalysis
{
    private readonly LlvmFunction _function;
    private readonly CallClassifier _classifier;
    private readonly ControlFlowGraph _cfg;
    private readonly bool[][] _reachable;
    private readonly Dictionary<LlvmInstruction, int> _positions = [];
    private readonly List<(LlvmInstruction Site, LlvmValue? Base)> _writes = [];
    private readonly bool _callerMayWriteArguments;
    private readonly Dictionary<LlvmValue, List<LlvmValue>?> _baseCache = [];

    /// <param name="callerMayWriteArguments">The reverse sweep runs after the function returned
    /// (split gradients): the caller may have changed memory reached from arguments and globals.</param>
    public StableMemoryAnalysis(LlvmFunction function, CallClassifier classifier, ControlFlowGraph cfg, bool callerMayWriteArguments = false)
    {
        _callerMayWriteArguments = callerMayWriteArguments;
        _function = function;
        _classifier = classifier;
        _cfg = cfg;
        _reachable = ComputeReachability(cfg);
        foreach (LlvmBasicBlock block in cfg.Blocks)
        {
            int position = 0;
            foreach (LlvmInstruction instruction in block.Instructions)
            {
                _positions[instruction] = position++;
                switch (instruction.Opcode)
                {
                    case LLVMOpcode.LLVMStore:
                        AddWrite(instruction, instruction.Value.GetOperand(1));
                        break;
                    case LLVMOpcode.LLVMAtomicRMW or LLVMOpcode.LLVMAtomicCmpXchg:
                        AddWrite(instruction, instruction.Value.GetOperand(0));
                        break;
                    case LLVMOpcode.LLVMCall:
                        AddCallWrites(instruction);
                        break;
                }
            }
        }
    }

    /// <summary>reachable[a][b]: some path of at least one edge leads from block a to block b.</summary>
    private static bool[][] ComputeReachability(ControlFlowGraph cfg)
    {
        int n = cfg.Blocks.Count;
        var reachable = new bool[n][];
        for (int a = 0; a < n; a++)
        {
            reachable[a] = new bool[n];
            var work = new Stack<int>(cfg.Successors[a]);
            while (work.Count > 0)
            {
                int b = work.Pop();
                if (reachable[a][b])
                {
                    continue;
                }
                reachable[a][b] = true;
                foreach (int s in cfg.Successors[b])
                {
                    work.Push(s);
                }
            }
        }
        return reachable;
    }

    /// <summary>Whether <paramref name="write"/> may execute after <paramref name="load"/> in the forward sweep.</summary>
    private bool MayFollow(LlvmInstruction write, LlvmInstruction load)
    {
        int loadBlock = _cfg.IndexOf(load.Parent), writeBlock = _cfg.IndexOf(write.Parent);
        if (loadBlock == writeBlock && _positions[write] > _positions[load])
        {
            return true;
        }
        return _reachable[loadBlock][writeBlock];
    }

    /// <summary>True when nothing in the function may write the memory <paramref name="load"/> reads.</summary>
    public bool IsStable(LlvmInstruction load)
    {
        // A load the differentiation inserted after this analysis ran (a shadow pointer read from
        // shadow memory) has no position to compare writes against: treat it as unstable, so it is cached.
        if (!_positions.ContainsKey(load))
        {
            return false;
        }
        List<LlvmValue>? bases = Bases(load.Value.GetOperand(0));
        if (bases is null || (_callerMayWriteArguments && bases.Any(b => b.IsArgument || b.IsGlobalVariable)))
        {
            return false;
        }
        foreach ((LlvmInstruction site, LlvmValue? written) in _writes)
        {
            if ((written is null || bases.Any(b => MayAlias(b, written.Value))) && MayFollow(site, load))
            {
                return false;
            }
        }
        return true;
    }

    private void AddCallWrites(LlvmInstruction call)
    {
        CallTarget target = _classifier.Classify(call);
        switch (target.Kind)
        {
            case CallKind.IgnoredIntrinsic or CallKind.Inactive:
                return;
            case CallKind.LibraryRule when target.LibraryRule!.Writes == CallWrites.Nothing:
                return;
            case CallKind.LibraryRule when target.LibraryRule!.Writes == CallWrites.FirstArgument:
                AddWrite(call, call.GetArgument(0));
                return;
            case CallKind.LibraryRule when target.LibraryRule!.Writes == CallWrites.SecondArgument:
                if (call.ArgumentCount > 1)
                {
                    AddWrite(call, call.GetArgument(1));
                }
                return;
            case CallKind.UserFunction or CallKind.UnknownExternal when target.Callee is { } callee:
                // Trust the optimiser's memory(...) inference for callees that keep to their arguments.
                switch (FunctionAttributes.Writes(callee))
                {
                    case FunctionWrites.Nothing:
                        return;
                    case FunctionWrites.ArgumentMemory:
                        for (int i = 0; i < call.ArgumentCount; i++)
                        {
                            if (call.GetArgument(i).Type.IsPointer)
                            {
                                AddWrite(call, call.GetArgument(i));
                            }
                        }
                        return;
                }
                _writes.Add((call, null));
                return;
            default:
                _writes.Add((call, null));
                return;
        }
    }

    private void AddWrite(LlvmInstruction site, LlvmValue pointer)
    {
        List<LlvmValue>? bases = Bases(pointer);
        if (bases is null)
        {
            _writes.Add((site, null));
            return;
        }
        foreach (LlvmValue b in bases)
        {
            _writes.Add((site, b));
        }
    }

    /// <summary>True when <paramref name="pointer"/> can only point into the function's own stack frame (allocas).</summary>
    public bool IsStackOnly(LlvmValue pointer) =>
        Bases(pointer) is { Count: > 0 } bases && bases.All(b => b.AsInstruction() is { Opcode: LLVMOpcode.LLVMAlloca });

    /// <summary>True when every object <paramref name="pointer"/> may be based on is known and satisfies <paramref name="predicate"/>.</summary>
    public bool IsBasedOnlyOn(LlvmValue pointer, Func<LlvmValue, bool> predicate) =>
        Bases(pointer) is { Count: > 0 } bases && bases.All(predicate);

    /// <summary>The objects a pointer may be based on, or null when one of them is unknown.</summary>
    private List<LlvmValue>? Bases(LlvmValue pointer)
    {
        if (_baseCache.TryGetValue(pointer, out List<LlvmValue>? cached))
        {
            return cached;
        }
        var bases = new List<LlvmValue>();
        var seen = new HashSet<LlvmValue>();
        var pending = new Stack<LlvmValue>();
        pending.Push(pointer);
        List<LlvmValue>? result = bases;
        while (pending.Count > 0 && result is not null)
        {
            LlvmValue p = pending.Pop();
            if (!seen.Add(p))
            {
                continue;
            }
            if (p.IsArgument || p.IsGlobalVariable)
            {
                bases.Add(p);
                continue;
            }
            if (p.IsConstantExpression)
            {
                pending.Push(p.GetOperand(0));
                continue;
            }
            if (p.AsInstruction() is not { } instruction)
            {
                result = null;
                break;
            }
            switch (instruction.Opcode)
            {
                case LLVMOpcode.LLVMAlloca:
                    bases.Add(p);
                    break;
                case LLVMOpcode.LLVMCall when _classifier.Classify(instruction).LibraryRule is AllocationRule:
                    bases.Add(p);
                    break;
                case LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMFreeze:
                    pending.Push(p.GetOperand(0));
                    break;
                case LLVMOpcode.LLVMSelect:
                    pending.Push(p.GetOperand(1));
                    pending.Push(p.GetOperand(2));
                    break;
                case LLVMOpcode.LLVMPHI:
                    foreach ((LlvmValue incoming, _) in instruction.Incoming)
                    {
                        pending.Push(incoming);
                    }
                    break;
                default:
                    result = null;
                    break;
            }
        }
        _baseCache[pointer] = result;
        return result;
    }

    private bool MayAlias(LlvmValue a, LlvmValue b)
    {
        if (a == b)
        {
            return true;
        }
        bool aFresh = a.IsInstruction, bFresh = b.IsInstruction;
        if (aFresh || bFresh)
        {
            // Allocas and allocation results are distinct from every other object.
            return false;
        }
        if (a.IsGlobalVariable && b.IsGlobalVariable)
        {
            return false;
        }
        return !(IsNoAlias(a) || IsNoAlias(b));
    }

    private bool IsNoAlias(LlvmValue value)
    {
        if (!value.IsArgument)
        {
            return false;
        }
        int index = _function.Parameters.ToList().FindIndex(p => p == value);
        return index >= 0 && FunctionAttributes.HasParameterAttribute(_function, index, "noalias");
    }
}
