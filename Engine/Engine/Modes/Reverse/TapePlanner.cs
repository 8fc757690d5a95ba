using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The tape: what the forward sweep stores for the reverse sweep, and the loop trip counts that
/// spare storing. A value <see cref="PrimalAvailability"/> can neither use, recompute nor reload
/// is cached (<see cref="Cache"/>) by a store right after its definition, into a
/// zero-initialised entry-block slot outside loops, or into a growable array indexed by the
/// iteration counter of its innermost loop, sized in the preheader when the trip count is known
/// there (<see cref="ReserveInPreheader"/>); the reverse sweep reads it back
/// (<see cref="LoadFromCache"/>). Caches nothing reads once unused partial derivatives are gone
/// are removed again (<see cref="ReverseSweepCleanup"/>). A nested loop with a recomputable trip
/// count finds each entry's first iteration from it in the reverse sweep
/// (<see cref="ChooseReverseStarts"/>) instead of caching the counter at every entry.
/// </summary>
internal sealed class TapePlanner
{
    private readonly ReverseGradientState _state;

    public TapePlanner(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>
    /// Picks the nested loops whose reverse sweep finds an entry's first iteration from its trip
    /// count, recomputed on the way into the loop, instead of from a cached copy of the counter
    /// at the entry (one cache entry per iteration of the enclosing loop). Only loops whose trip
    /// count needs no cache filled as often as that one.
    /// </summary>
    public void ChooseReverseStarts()
    {
        foreach (NaturalLoop loop in _state.Loops.Loops.Where(l => l.Depth >= 2).OrderBy(l => l.Depth))
        {
            if (TripCount(loop) is { } shape && AvailableInPreheader(shape.Bound, loop) && AvailableInPreheader(shape.Start, loop)
                && _state.Availability.RecomputableBelow(shape.Bound, loop.Depth - 1, PrimalAvailability.RecomputeDepthLimit)
                && _state.Availability.RecomputableBelow(shape.Start, loop.Depth - 1, PrimalAvailability.RecomputeDepthLimit))
            {
                _state.ReverseStarts[loop.Id] = (_state.EntryAlloca(_state.Context.Int64Type, $"iter.{loop.Id}.rstart", initialize: false), shape);
            }
        }
    }

    /// <summary>A value read back from its cache at the current reverse position; the cache is created on first use.</summary>
    public LlvmValue LoadFromCache(LlvmInstruction instruction)
    {
        CacheSlot cache = Cache(instruction);
        LlvmType type = instruction.Type;
        LlvmValue read;
        if (cache.Loop is null)
        {
            read = _state.Builder.Load(type, cache.Storage, instruction.Value.Name + ".cached");
        }
        else
        {
            LlvmValue array = _state.Builder.Load(_state.Context.PointerType(), cache.Storage);
            LlvmValue element = _state.Builder.Gep(type, array, [CounterForUse(cache.Loop)]);
            read = _state.Builder.Load(type, element, instruction.Value.Name + ".cached");
        }
        cache.Reads.Add(read);
        return read;
    }

    /// <summary>The cache index of a value of <paramref name="loop"/> at the current reverse position.</summary>
    public LlvmValue CounterForUse(NaturalLoop loop)
    {
        LlvmValue counter = _state.Builder.Load(_state.Context.Int64Type, _state.LoopStates[loop.Id].Counter);
        return loop.Contains(_state.CurrentBlock) ? counter : _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, counter, LlvmValue.ConstInt(_state.Context.Int64Type, 1));
    }

    /// <summary>Creates (once) the storage for a value and the forward-sweep store that fills it.</summary>
    private CacheSlot Cache(LlvmInstruction instruction)
    {
        if (_state.Caches.TryGetValue(instruction.Handle, out CacheSlot? existing))
        {
            return existing;
        }
        NaturalLoop? loop = _state.Loops.InnermostLoop(_state.Cfg.IndexOf(instruction.Parent));
        LlvmType type = instruction.Type;
        LlvmBasicBlock? reverseBlock = _state.Builder.InsertBlock;
        CacheSlot cache;
        if (loop is null)
        {
            // Zero-initialised: on a path where the value is never computed the reverse sweep may
            // still read the slot (a deferred free of an allocation that did not happen frees null).
            LlvmValue slot = _state.EntryAlloca(type, instruction.Value.Name + ".cache");
            PositionAfterForward(instruction);
            cache = new CacheSlot(instruction.Value, null, slot, null);
            cache.ForwardInstructions.Add(_state.Builder.Store(instruction.Value, slot));
        }
        else
        {
            LlvmValue storage = _state.EntryAlloca(_state.Context.PointerType(), instruction.Value.Name + ".cache");
            LlvmValue capacity = _state.EntryAlloca(_state.Context.Int64Type, instruction.Value.Name + ".capacity");
            PositionAfterForward(instruction);
            LlvmValue index = _state.LoopStates[loop.Id].ForwardIndex;
            cache = new CacheSlot(instruction.Value, loop, storage, capacity) { Home = CacheHome(instruction) };
            LlvmValue reserve = _state.Emitter.CallFunction(RuntimeSupport.CacheReserve(_state.Generator.Module, pooled: !_state.IsGpuTarget()), storage, capacity, index, type.SizeOf, cache.Home);
            LlvmValue array = _state.Builder.Load(_state.Context.PointerType(), storage);
            LlvmValue element = _state.Builder.Gep(type, array, [index]);
            LlvmValue store = _state.Builder.Store(instruction.Value, element);
            cache.ForwardInstructions.AddRange([store, element, array, reserve]);
            cache.ForwardInstructions.AddRange(ReserveInPreheader(loop, cache, type));
        }
        _state.Caches[instruction.Handle] = cache;
        _state.Builder.PositionAtEnd(reverseBlock!.Value);
        return cache;
    }

    /// <summary>
    /// The per-thread home (<see cref="Rules.CachePool.HomeType"/>) where this cache's array waits between gradient calls (see
    /// <see cref="Rules.CachePool"/>); null on GPUs, which have no thread-local storage and grow with realloc.
    /// </summary>
    private LlvmValue CacheHome(LlvmInstruction instruction)
    {
        if (_state.IsGpuTarget())
        {
            return LlvmValue.ConstNull(_state.Context.PointerType());
        }
        LlvmGlobalVariable home = _state.Generator.Module.AddGlobal(Rules.CachePool.HomeType(_state.Context),
            $"{_state.Function.Name}.{instruction.Value.Name}.cache.home");
        home.Linkage = Llvm.Interop.LLVMLinkage.LLVMInternalLinkage;
        home.IsThreadLocal = true;
        home.Initializer = LlvmValue.ConstNull(home.ValueType);
        return home;
    }

    /// <summary>Right after a forward value, and after its loop's index when it is a header phi.</summary>
    private void PositionAfterForward(LlvmInstruction instruction)
    {
        if (instruction.Opcode != LLVMOpcode.LLVMPHI)
        {
            _state.Builder.PositionBefore(instruction.Next!.Value);
            return;
        }
        int block = _state.Cfg.IndexOf(instruction.Parent);
        LoopState? headed = _state.LoopStates.Values.FirstOrDefault(s => s.Loop.Header == block);
        _state.Builder.PositionBefore(headed is not null ? headed.Increment.Next!.Value : ReverseGradientState.FirstNonPhi(instruction.Parent));
    }

    /// <summary>
    /// When the loop's iteration count is known in its preheader, sizes the cache there for the
    /// whole entry, so the per-iteration check never reallocates. The check stays: it is one
    /// predictable compare, and it keeps a wrong count from ever writing out of bounds.
    /// </summary>
    private IEnumerable<LlvmValue> ReserveInPreheader(NaturalLoop loop, CacheSlot cache, LlvmType type)
    {
        if (!_state.PreheaderTripCounts.TryGetValue(loop.Id, out LlvmValue? iterations))
        {
            iterations = ComputeTripCountInPreheader(loop);
            _state.PreheaderTripCounts[loop.Id] = iterations;
        }
        if (iterations is not { } count)
        {
            return [];
        }
        _state.Builder.PositionBefore(_state.Cfg.Blocks[loop.Preheader].Terminator!.Value);
        LlvmValue last = _state.Builder.Add(_state.LoopStates[loop.Id].StartValue, _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, count, LlvmValue.ConstInt(_state.Context.Int64Type, 1)));
        LlvmValue reserve = _state.Emitter.CallFunction(RuntimeSupport.CacheReserve(_state.Generator.Module, pooled: !_state.IsGpuTarget()), cache.Storage, cache.Capacity!.Value, last, type.SizeOf, cache.Home);
        return [reserve, last];
    }

    /// <summary>Header executions per entry of <paramref name="loop"/>, emitted in its preheader; null when not computable there.</summary>
    private LlvmValue? ComputeTripCountInPreheader(NaturalLoop loop)
    {
        if (TripCount(loop) is not { } shape || !AvailableInPreheader(shape.Bound, loop) || !AvailableInPreheader(shape.Start, loop))
        {
            return null;
        }
        _state.Builder.PositionBefore(_state.Cfg.Blocks[loop.Preheader].Terminator!.Value);
        return EmitTripCount(shape, shape.Bound, shape.Start);
    }

    /// <summary>
    /// The shape of a rotated loop whose only exit is its latch, testing <c>iv + step</c> of an
    /// integer induction variable against a bound (<see cref="TripCountShape"/>); null for any other shape.
    /// </summary>
    private TripCountShape? TripCount(NaturalLoop loop)
    {
        bool onlyLatchExits = loop.Blocks.All(b => b == loop.Latch || _state.Cfg.Successors[b].All(loop.Contains));
        if (!onlyLatchExits || _state.Cfg.Blocks[loop.Latch].Terminator is not { Opcode: LLVMOpcode.LLVMBr } branch
            || branch.Value.OperandCount != 3 || branch.Value.GetOperand(0).AsInstruction() is not { Opcode: LLVMOpcode.LLVMICmp } compare)
        {
            return null;
        }
        LLVMIntPredicate predicate = compare.IntPredicate;
        // Operand 2 of a conditional br is the true successor.
        bool continuesWhenTrue = branch.Value.GetOperand(2).AsBasicBlock()!.Value.Handle == _state.Cfg.Blocks[loop.Header].Handle;
        TripCountArithmetic? arithmetic = (continuesWhenTrue, predicate) switch
        {
            (true, LLVMIntPredicate.LLVMIntNE) or (false, LLVMIntPredicate.LLVMIntEQ) => TripCountArithmetic.Modular,
            (true, LLVMIntPredicate.LLVMIntULT) => TripCountArithmetic.Unsigned,
            (true, LLVMIntPredicate.LLVMIntSLT) => TripCountArithmetic.Signed,
            _ => null,
        };
        LlvmValue next = compare.Value.GetOperand(0), bound = compare.Value.GetOperand(1);
        if (arithmetic is null || !bound.Type.IsInteger)
        {
            return null;
        }
        foreach (LlvmInstruction phi in _state.Cfg.Blocks[loop.Header].Instructions.Where(i => i.Opcode == LLVMOpcode.LLVMPHI))
        {
            if (phi.Type.IsInteger && _state.Availability.AffineInduction(phi) is { Step: > 0 } induction && IsIncomingFromLatch(phi, loop, next))
            {
                return new TripCountShape(bound, induction.Start, induction.Step, arithmetic.Value);
            }
        }
        return null;
    }

    /// <summary>An entry's trip count rebuilt in the reverse sweep, from its bound and start at the current position.</summary>
    public LlvmValue TripCountInReverse(TripCountShape shape) => EmitTripCount(shape, _state.Availability.Materialize(shape.Bound), _state.Availability.Materialize(shape.Start));

    /// <summary><c>max(1, ceil((bound - start) / step))</c> as an i64 at the builder's position: a rotated loop, once entered, runs at least once.</summary>
    private LlvmValue EmitTripCount(TripCountShape shape, LlvmValue bound, LlvmValue start)
    {
        LlvmType i64 = _state.Context.Int64Type;
        LlvmValue distance;
        if (bound.Type.IntegerWidth == 64)
        {
            distance = _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, bound, start);
        }
        else if (shape.Arithmetic == TripCountArithmetic.Modular)
        {
            distance = _state.Builder.Cast(LLVMOpcode.LLVMZExt, _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, bound, start), i64);
        }
        else
        {
            LLVMOpcode widen = shape.Arithmetic == TripCountArithmetic.Signed ? LLVMOpcode.LLVMSExt : LLVMOpcode.LLVMZExt;
            distance = _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, _state.Builder.Cast(widen, bound, i64), _state.Builder.Cast(widen, start, i64));
        }
        // ceil(distance / step) iterations for a step that is not 1 (vectorised loops).
        LlvmValue wide = shape.Step == 1 ? distance : _state.Builder.BinaryOperation(LLVMOpcode.LLVMSDiv,
            _state.Builder.Add(distance, LlvmValue.ConstInt(i64, shape.Step - 1)), LlvmValue.ConstInt(i64, shape.Step));
        LlvmValue positive = _state.Builder.ICmp(LLVMIntPredicate.LLVMIntSGT, wide, LlvmValue.ConstInt(i64, 0));
        return _state.Builder.Select(positive, wide, LlvmValue.ConstInt(i64, 1));
    }

    private bool IsIncomingFromLatch(LlvmInstruction phi, NaturalLoop loop, LlvmValue value)
    {
        foreach ((LlvmValue incoming, LlvmBasicBlock from) in phi.Incoming)
        {
            if (_state.Cfg.IndexOf(from) == loop.Latch)
            {
                return incoming.Handle == value.Handle;
            }
        }
        return false;
    }

    private bool AvailableInPreheader(LlvmValue value, NaturalLoop loop) =>
        value.AsInstruction() is not { } instruction || _state.Dominators.Dominates(_state.Cfg.IndexOf(instruction.Parent), loop.Preheader);
}
