using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The reverse sweep: the forward sweep jumps into it instead of returning; one block per forward
/// block, visited in post-order, reverses its instructions last to first
/// (<see cref="InstructionAdjointEmitter"/>). Loops run backwards on their counters; merge blocks
/// switch on the predecessor the forward sweep came from; phi adjoints flow to the incoming value
/// of the edge taken. The exit block releases the loop caches and returns the adjoints of the
/// <c>enzyme_out</c> arguments. Frees the reverse sweep passes are recorded for the outermost
/// sweep to do (the deferred-free list).
/// </summary>
internal sealed class ReverseSweepEmitter
{
    private readonly ReverseGradientState _state;
    private bool? _tracksDeferredFrees;

    public ReverseSweepEmitter(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>
    /// Replaces the return by a jump into the reverse sweep, emits the sweep and its exit, and
    /// cleans it up; returns where the forward sweep ends and the reverse sweep begins.
    /// </summary>
    public ReverseSweepLayout BuildReverseSweep()
    {
        _state.ReverseBlocks = new LlvmBasicBlock[_state.Cfg.Blocks.Count];
        for (int b = _state.Cfg.Blocks.Count - 1; b >= 0; b--)
        {
            _state.ReverseBlocks[b] = _state.Context.AppendBasicBlock(_state.Function, "invert" + BlockName(b));
            _state.ReverseRegion.Add(_state.ReverseBlocks[b]);
        }
        _state.ExitBlock = _state.Context.AppendBasicBlock(_state.Function, "invert.exit");

        // The forward sweep ends by jumping into the reverse sweep instead of returning.
        LlvmInstruction ret = _state.Cfg.Blocks[_state.ReturnBlock].Terminator!.Value;
        LlvmValue? returned = ret.Value.OperandCount > 0 ? ret.Value.GetOperand(0) : null;
        _state.Builder.PositionBefore(ret);
        // A split callee whose returned pointer the caller differentiates through hands out its shadow too.
        LlvmValue? returnedShadow = _state.Signature.ReturnShadow && returned is { } pointer && pointer.Type.IsPointer ? _state.Forward.ForwardShadow(pointer) : null;
        LlvmValue forwardExit = _state.Builder.Branch(_state.ReverseBlocks[_state.ReturnBlock]);
        _state.InstructionsToErase.Add(ret);
        var reverseBlocks = new HashSet<LLVMBasicBlockRef>();

        for (int b = _state.Cfg.Blocks.Count - 1; b >= 0; b--)
        {
            BeginReverseBlock(b);
            if (b == _state.ReturnBlock && TracksDeferredFrees())
            {
                _state.Emitter.CallFunction(DeferredFrees.Enter(_state.Generator.Module));
            }
            if (b == _state.ReturnBlock && returned is { } result)
            {
                // The seed: the caller's adjoint of the result (any floating-point content), or
                // d(result)/d(result) = 1 for a scalar result of a top-level request.
                if (_state.SeedParameter is { } seed && TypeFacts.ContainsFloatingPoint(result.Type))
                {
                    _state.Adjoints.AddToAdjoint(result, seed);
                }
                else if (_state.SeedParameter is null && TypeFacts.IsFloatingPointValue(result.Type))
                {
                    _state.Adjoints.AddToAdjoint(result, IrEmitter.Constant(result.Type, 1.0));
                }
            }
            LlvmBasicBlock block = _state.Cfg.Blocks[b];
            List<LlvmInstruction> instructions = block.Instructions.ToList();
            for (int i = instructions.Count - 1; i >= 0; i--)
            {
                LlvmInstruction instruction = instructions[i];
                if (instruction.Opcode != LLVMOpcode.LLVMPHI && instruction.Handle != ret.Handle && !_state.Instrumentation.Contains(instruction.Handle))
                {
                    _state.InstructionAdjoints.Reverse(instruction);
                }
            }
            EmitReverseTerminator(b, instructions);
        }

        _state.Builder.PositionAtEnd(_state.ExitBlock);
        if (TracksDeferredFrees())
        {
            _state.Emitter.CallFunction(DeferredFrees.Leave(_state.Generator.Module));
        }
        _state.ReverseRegion.Add(_state.ExitBlock);
        _state.Cleanup.RemoveDeadReverseCode();
        _state.Cleanup.RemoveUnreadCaches();
        _state.Cleanup.ReportCaches();
        foreach (LlvmBasicBlock block in _state.ReverseRegion)
        {
            reverseBlocks.Add(block.Handle);
        }
        var layout = new ReverseSweepLayout(forwardExit.AsInstruction()!.Value, returned, reverseBlocks, returnedShadow);
        _state.Builder.PositionAtEnd(_state.ExitBlock);
        foreach (CacheSlot cache in _state.Caches.Values.Where(c => c.Loop is not null))
        {
            LlvmValue array = _state.Builder.Load(_state.Context.PointerType(), cache.Storage);
            if (_state.IsGpuTarget())
            {
                _state.Emitter.CallFunction(_state.Emitter.Free(), array);
            }
            else
            {
                // Pooled for the next gradient call rather than freed: see CachePool.
                _state.Emitter.CallFunction(CachePool.Release(_state.Generator.Module), array, _state.Builder.Load(_state.Context.Int64Type, cache.Capacity!.Value),
                    cache.Value.Type.SizeOf, cache.Home);
            }
        }
        var adjoints = _state.ActiveArguments.Select(a => _state.AdjointSlots.TryGetValue(a.Handle, out LlvmValue slot)
            ? _state.Builder.Load(a.Type, slot) : LlvmValue.ConstNull(a.Type)).ToList();
        switch (adjoints.Count)
        {
            case 0:
                _state.Builder.ReturnVoid();
                break;
            case 1:
                _state.Builder.Return(adjoints[0]);
                break;
            default:
                LlvmValue aggregate = LlvmValue.Poison(_state.Function.ReturnType);
                for (int i = 0; i < adjoints.Count; i++)
                {
                    aggregate = _state.Builder.InsertValue(aggregate, adjoints[i], i);
                }
                _state.Builder.Return(aggregate);
                break;
        }
        return layout;
    }

    private void BeginReverseBlock(int forwardBlock)
    {
        _state.CurrentBlock = forwardBlock;
        _state.Materialized = [];
        _state.Builder.PositionAtEnd(_state.ReverseBlocks[forwardBlock]);
    }

    private string BlockName(int b)
    {
        string name = _state.Cfg.Blocks[b].Name;
        return name.Length == 0 ? $".bb{b}" : "." + name;
    }

    private void EmitReverseTerminator(int b, List<LlvmInstruction> instructions)
    {
        // Phi adjoints are read once, then handed to the incoming value of the edge taken.
        var phiAdjoints = new List<(LlvmInstruction Phi, LlvmValue Adjoint)>();
        foreach (LlvmInstruction phi in instructions.Where(i => i.Opcode == LLVMOpcode.LLVMPHI))
        {
            if (_state.Analysis.IsShadowed(phi.Value) && TypeFacts.ContainsFloatingPoint(phi.Type))
            {
                phiAdjoints.Add((phi, _state.Adjoints.TakeAdjoint(phi.Value)));
            }
        }

        if (b == 0)
        {
            _state.Builder.Branch(_state.ExitBlock);
            return;
        }
        NaturalLoop? headed = _state.Loops.Loops.FirstOrDefault(l => l.Header == b);
        if (headed is not null)
        {
            LoopState state = _state.LoopStates[headed.Id];
            LlvmValue first = _state.Builder.ICmp(LLVMIntPredicate.LLVMIntEQ, _state.Availability.IterationIndex(headed), LlvmValue.ConstInt(_state.Context.Int64Type, 0));
            LlvmBasicBlock toPreheader = EdgeBlock(b, headed.Preheader, phiAdjoints, enteringLoop: null);
            LlvmBasicBlock toLatch = EdgeBlock(b, headed.Latch, phiAdjoints, enteringLoop: state);
            _state.Builder.PositionAtEnd(_state.ReverseBlocks[b]);
            _state.Builder.ConditionalBranch(first, toPreheader, toLatch);
            return;
        }
        IReadOnlyList<int> predecessors = _state.Cfg.Predecessors[b];
        if (predecessors.Count == 1)
        {
            LlvmBasicBlock edge = EdgeBlock(b, predecessors[0], phiAdjoints, null);
            _state.Builder.PositionAtEnd(_state.ReverseBlocks[b]);
            _state.Builder.Branch(edge);
            return;
        }
        LlvmValue id = PredecessorIndex(b);
        var targets = predecessors.Select(p => EdgeBlock(b, p, phiAdjoints, null)).ToList();
        _state.Builder.PositionAtEnd(_state.ReverseBlocks[b]);
        LlvmValue switchInstruction = _state.Builder.Switch(id, targets[0], targets.Count - 1);
        for (int p = 1; p < targets.Count; p++)
        {
            LlvmBuilder.AddCase(switchInstruction, LlvmValue.ConstInt(_state.Context.Int32Type, p), targets[p]);
        }
    }

    /// <summary>
    /// Which predecessor the forward sweep entered merge block <paramref name="block"/> from. For
    /// a block with two predecessors, one of them its dominator <c>G</c> ending in a conditional
    /// branch (a loop guard, an if without else), the answer is G's condition: within one
    /// iteration of their common innermost loop each block runs at most once, so the block was
    /// entered from G exactly when G branched to it. The condition is recomputed or cached (one
    /// byte) instead of the recorded predecessor (four bytes, always cached in loops).
    /// </summary>
    private LlvmValue PredecessorIndex(int block)
    {
        IReadOnlyList<int> predecessors = _state.Cfg.Predecessors[block];
        int dominator = _state.Dominators.ImmediateDominator(block);
        int guard = predecessors.Count == 2 ? predecessors.ToList().IndexOf(dominator) : -1;
        if (guard >= 0 && _state.Loops.InnermostLoop(dominator) == _state.Loops.InnermostLoop(block)
            && _state.Cfg.Blocks[dominator].Terminator is { Opcode: LLVMOpcode.LLVMBr } branch && branch.Value.OperandCount == 3)
        {
            var whenTrue = branch.Value.GetOperand(2).AsBasicBlock()!.Value;
            var whenFalse = branch.Value.GetOperand(1).AsBasicBlock()!.Value;
            LlvmBasicBlock target = _state.Cfg.Blocks[block];
            if ((whenTrue.Handle == target.Handle) != (whenFalse.Handle == target.Handle))
            {
                LlvmValue condition = _state.Availability.Materialize(branch.Value.GetOperand(0));
                LlvmValue fromGuard = LlvmValue.ConstInt(_state.Context.Int32Type, guard), fromOther = LlvmValue.ConstInt(_state.Context.Int32Type, 1 - guard);
                return whenTrue.Handle == target.Handle
                    ? _state.Builder.Select(condition, fromGuard, fromOther)
                    : _state.Builder.Select(condition, fromOther, fromGuard);
            }
        }
        return _state.Availability.Materialize(_state.PredecessorIds[block]);
    }

    /// <summary>
    /// The reverse of the forward edge <paramref name="predecessor"/> → <paramref name="block"/>:
    /// phi adjoints to the edge's incoming values, and the counter step of each loop the edge
    /// re-enters (the latch edge of a header, or an exit edge entering loops from outside).
    /// </summary>
    private LlvmBasicBlock EdgeBlock(int block, int predecessor, List<(LlvmInstruction Phi, LlvmValue Adjoint)> phiAdjoints, LoopState? enteringLoop)
    {
        LlvmBasicBlock edge = _state.Context.AppendBasicBlock(_state.Function, $"invert{BlockName(block)}.from{BlockName(predecessor)}");
        _state.ReverseRegion.Add(edge);
        _state.Builder.PositionAtEnd(edge);
        LlvmBasicBlock forwardPredecessor = _state.Cfg.Blocks[predecessor];
        foreach ((LlvmInstruction phi, LlvmValue adjoint) in phiAdjoints)
        {
            foreach ((LlvmValue incoming, LlvmBasicBlock from) in phi.Incoming)
            {
                if (from.Handle == forwardPredecessor.Handle)
                {
                    _state.Adjoints.AddToAdjoint(incoming, adjoint);
                    break;
                }
            }
        }
        var entered = new List<LoopState>();
        if (enteringLoop is not null)
        {
            entered.Add(enteringLoop);
        }
        else
        {
            entered.AddRange(_state.Loops.LoopsContaining(predecessor).Where(l => !l.Contains(block)).Select(l => _state.LoopStates[l.Id]));
        }
        // Entering a loop backwards from its exit: where this entry began, from its trip count,
        // computed while every counter still says "after the loop". Values rebuilt here stay here.
        Dictionary<LLVMValueRef, LlvmValue> materialized = _state.Materialized;
        _state.Materialized = new Dictionary<LLVMValueRef, LlvmValue>(materialized);
        foreach (LoopState state in entered)
        {
            if (enteringLoop is null && _state.ReverseStarts.TryGetValue(state.Loop.Id, out (LlvmValue Slot, TripCountShape Shape) reverseStart))
            {
                LlvmValue iterations = _state.Tape.TripCountInReverse(reverseStart.Shape);
                _state.Builder.Store(_state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, _state.Builder.Load(_state.Context.Int64Type, state.Counter), iterations), reverseStart.Slot);
            }
        }
        _state.Materialized = materialized;
        foreach (LoopState state in entered)
        {
            LlvmValue counter = _state.Builder.Load(_state.Context.Int64Type, state.Counter);
            _state.Builder.Store(_state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, counter, LlvmValue.ConstInt(_state.Context.Int64Type, 1)), state.Counter);
        }
        _state.Builder.Branch(_state.ReverseBlocks[predecessor]);
        return edge;
    }

    /// <summary>
    /// Every reverse sweep brackets itself for the deferred-free list when the module frees memory
    /// anywhere: a callee's reverse may record frees that only the outermost sweep may release.
    /// </summary>
    private bool TracksDeferredFrees() => _tracksDeferredFrees ??= LibraryFunctions.Deallocators
        .Any(name => _state.Generator.Module.GetFunction(name) is { } f && f.Value.Users.Any())
        || _state.Generator.Module.Functions.Any(f => RustAllocatorShims.IsDeallocator(f.Name) && f.Value.Users.Any());

    /// <summary>The deferred-free list calls a deallocator as (pointer[, size[, alignment]]); any other is reported.</summary>
    public void RequireRecordableDeallocator(LlvmInstruction call, LlvmFunction deallocator)
    {
        IReadOnlyList<LlvmType> parameters = deallocator.FunctionType.ParameterTypes;
        if (parameters.Count > DeferredFrees.MaximumDeallocatorParameters || parameters.Skip(1).Any(p => !p.IsInteger || p.IntegerWidth != 64))
        {
            throw _state.Unsupported(call, $"a call to the deallocator '{deallocator.Name}', whose parameters are not (pointer[, size[, alignment]])");
        }
    }

    /// <summary>Records a free passed by the reverse sweep, with its shadow (null when it has none), for the outermost sweep to release.</summary>
    public void RecordDeferredFree(LlvmInstruction call, LlvmFunction deallocator)
    {
        LlvmType i64 = _state.Context.Int64Type;
        LlvmValue block = _state.Availability.Materialize(call.GetArgument(0));
        LlvmValue shadow = _state.HasShadow(call.GetArgument(0)) ? _state.Availability.ReverseShadow(call.GetArgument(0)) : LlvmValue.ConstNull(_state.Context.PointerType());
        LlvmValue size = call.ArgumentCount > 1 ? _state.Availability.Materialize(call.GetArgument(1)) : LlvmValue.ConstInt(i64, 0);
        LlvmValue alignment = call.ArgumentCount > 2 ? _state.Availability.Materialize(call.GetArgument(2)) : LlvmValue.ConstInt(i64, 0);
        _state.Emitter.CallFunction(DeferredFrees.Record(_state.Generator.Module), deallocator.Value,
            LlvmValue.ConstInt(i64, call.ArgumentCount), block, shadow, size, alignment);
    }

}
