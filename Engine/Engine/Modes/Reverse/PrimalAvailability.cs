using Enzyme.Engine.Analysis;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Makes primal values usable in the reverse sweep, deciding for each value the reverse sweep
/// asks for (<see cref="Materialize"/>), in this order:
/// <list type="number">
/// <item>used directly: its block is in no loop and dominates the return;</item>
/// <item>recomputed at the reverse position (<see cref="Recompute"/>, at most
/// <see cref="RecomputeDepthLimit"/> operands deep): cheap instructions (<see cref="IsCheap"/>:
/// address arithmetic, casts, compares, plain arithmetic), affine induction variables (from their
/// loop's iteration index, <see cref="IterationIndex"/>), and loads of memory nothing writes
/// during the call, which are loaded again (<see cref="StableMemoryAnalysis"/>); an operand
/// defined outside the value's loop is materialised in turn, so it may come from a cache filled
/// once per entry of the loop;</item>
/// <item>for the shadow of a pointer derived from one argument: that argument's shadow plus the
/// primal pointer's offset (<see cref="ShadowFromPrimalOffset"/>);</item>
/// <item>otherwise read back from a cache (<see cref="TapePlanner.LoadFromCache"/>).</item>
/// </list>
/// Values rebuilt in a reverse block are reused within it (<see cref="ReverseGradientState.Materialized"/>).
/// Also the shadow addresses the reverse sweep accumulates into (<see cref="ReverseShadow"/>).
/// </summary>
internal sealed class PrimalAvailability
{
    public const int RecomputeDepthLimit = 6;

    private readonly ReverseGradientState _state;

    public PrimalAvailability(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>
    /// A primal value usable at the current reverse position: the value itself when it is
    /// available there, recomputed from available operands when cheap, reloaded from memory
    /// nothing writes, or read back from the cache the forward sweep filled.
    /// </summary>
    public LlvmValue Materialize(LlvmValue value)
    {
        if (value.AsInstruction() is not { } instruction)
        {
            return value;
        }
        if (_state.Materialized.TryGetValue(value.Handle, out LlvmValue known))
        {
            return known;
        }
        LlvmValue result = Recompute(instruction, RecomputeDepthLimit)
            ?? (_state.Shadows.PrimalOf(value) is { } primal ? ShadowFromPrimalOffset(primal) : null)
            ?? _state.Tape.LoadFromCache(instruction);
        _state.Materialized[value.Handle] = result;
        return result;
    }

    /// <summary>Rebuilds a value without any cache, or returns null when that is not possible.</summary>
    private LlvmValue? Recompute(LlvmInstruction instruction, int depth)
    {
        if (_state.Materialized.TryGetValue(instruction.Handle, out LlvmValue known))
        {
            return known;
        }
        int block = _state.Cfg.IndexOf(instruction.Parent);
        if (_state.Loops.InnermostLoop(block) is null && _state.Dominators.Dominates(block, _state.ReturnBlock))
        {
            return instruction.Value;
        }
        if (depth == 0 || _state.Instrumentation.Contains(instruction.Handle))
        {
            return null;
        }
        LlvmValue? rebuilt = null;
        if (instruction.Opcode == LLVMOpcode.LLVMPHI && AffineInduction(instruction) is { } induction)
        {
            rebuilt = RecomputeInduction(induction, depth);
        }
        else if (IsCheap(instruction) || (instruction.Opcode == LLVMOpcode.LLVMLoad && _state.StableMemory.IsStable(instruction)))
        {
            var operands = new List<(int Index, LlvmValue Value)>();
            for (int i = 0; i < instruction.Value.OperandCount; i++)
            {
                LlvmValue operand = instruction.Value.GetOperand(i);
                if (operand.AsInstruction() is { } operandInstruction)
                {
                    LlvmValue? available = IsOutsideLoopOf(operandInstruction, block)
                        ? Materialize(operand)
                        : Recompute(operandInstruction, depth - 1);
                    if (available is null)
                    {
                        return null;
                    }
                    operands.Add((i, available.Value));
                }
            }
            LlvmValue clone = instruction.CloneDetached().Value;
            foreach ((int index, LlvmValue available) in operands)
            {
                clone.SetOperand(index, available);
            }
            _state.Builder.Insert(clone, instruction.Value.Name);
            rebuilt = clone;
        }
        if (rebuilt is { } r)
        {
            _state.Materialized[instruction.Handle] = r;
        }
        return rebuilt;
    }

    private static bool IsCheap(LlvmInstruction instruction) => instruction.Opcode is LLVMOpcode.LLVMGetElementPtr
        or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMPtrToInt or LLVMOpcode.LLVMIntToPtr
        or LLVMOpcode.LLVMTrunc or LLVMOpcode.LLVMZExt or LLVMOpcode.LLVMSExt or LLVMOpcode.LLVMAdd or LLVMOpcode.LLVMSub
        or LLVMOpcode.LLVMMul or LLVMOpcode.LLVMShl or LLVMOpcode.LLVMLShr or LLVMOpcode.LLVMAShr or LLVMOpcode.LLVMAnd
        or LLVMOpcode.LLVMOr or LLVMOpcode.LLVMXor or LLVMOpcode.LLVMICmp or LLVMOpcode.LLVMSelect or LLVMOpcode.LLVMExtractValue
        or LLVMOpcode.LLVMSIToFP or LLVMOpcode.LLVMUIToFP or LLVMOpcode.LLVMFPExt or LLVMOpcode.LLVMFPTrunc or LLVMOpcode.LLVMFNeg
        or LLVMOpcode.LLVMFCmp or LLVMOpcode.LLVMFAdd or LLVMOpcode.LLVMFSub or LLVMOpcode.LLVMFMul or LLVMOpcode.LLVMFDiv;

    /// <summary>
    /// A header phi <c>iv = phi [start, preheader], [iv + step, latch]</c> with a constant step:
    /// an integer, or a pointer advanced by a constant GEP (<c>p++</c>), whose step is in bytes.
    /// </summary>
    public (NaturalLoop Loop, LlvmValue Start, long Step)? AffineInduction(LlvmInstruction phi)
    {
        int block = _state.Cfg.IndexOf(phi.Parent);
        NaturalLoop? loop = _state.Loops.Loops.FirstOrDefault(l => l.Header == block);
        if (loop is null || !(phi.Type.IsInteger || phi.Type.IsPointer) || phi.IncomingCount != 2)
        {
            return null;
        }
        LlvmValue? start = null, next = null;
        for (int i = 0; i < 2; i++)
        {
            int from = _state.Cfg.IndexOf(phi.GetIncomingBlock(i));
            LlvmValue incoming = phi.GetIncomingValue(i);
            if (from == loop.Preheader)
            {
                start = incoming;
            }
            else if (from == loop.Latch)
            {
                next = incoming;
            }
        }
        if (start is null || next?.AsInstruction() is not { } step)
        {
            return null;
        }
        if (phi.Type.IsPointer)
        {
            return PointerStep(step, phi) is { } bytes ? (loop, start.Value, bytes) : null;
        }
        if (step.Opcode is not (LLVMOpcode.LLVMAdd or LLVMOpcode.LLVMSub))
        {
            return null;
        }
        LlvmValue left = step.Value.GetOperand(0), right = step.Value.GetOperand(1);
        long sign = step.Opcode == LLVMOpcode.LLVMSub ? -1 : 1;
        if (left.Handle == phi.Handle && right.ConstantIntValue is { } c)
        {
            return (loop, start.Value, sign * c);
        }
        if (step.Opcode == LLVMOpcode.LLVMAdd && right.Handle == phi.Handle && left.ConstantIntValue is { } c2)
        {
            return (loop, start.Value, c2);
        }
        return null;
    }

    /// <summary>The byte offset of <c>gep T, phi, C</c> (one constant index), or null for any other step.</summary>
    private long? PointerStep(LlvmInstruction step, LlvmInstruction phi)
    {
        if (step.Opcode != LLVMOpcode.LLVMGetElementPtr || step.Value.OperandCount != 2 || step.Value.GetOperand(0).Handle != phi.Handle
            || step.Value.GetOperand(1).ConstantIntValue is not { } index)
        {
            return null;
        }
        ulong size = _state.Generator.Module.TargetData.AbiSizeOf(step.Value.GepSourceElementType);
        return size == 0 ? null : index * (long)size;
    }

    /// <summary>
    /// True when <paramref name="operand"/> is defined outside the innermost loop of
    /// <paramref name="userBlock"/>: one cached copy per entry of that loop is cheap, so such
    /// operands may come from a cache while the value itself is recomputed every iteration.
    /// </summary>
    private bool IsOutsideLoopOf(LlvmInstruction operand, int userBlock)
    {
        NaturalLoop? loop = _state.Loops.InnermostLoop(userBlock);
        return loop is not null && !loop.Contains(_state.Cfg.IndexOf(operand.Parent));
    }

    private LlvmValue? RecomputeInduction((NaturalLoop Loop, LlvmValue Start, long Step) induction, int depth)
    {
        _ = depth;
        // The start value lives outside the loop: cache it once per entry if it must be cached.
        LlvmValue start = Materialize(induction.Start);
        LlvmType type = start.Type;
        LlvmValue k = IterationIndex(induction.Loop);
        if (type.IsPointer)
        {
            LlvmValue offset = _state.Builder.Mul(k, LlvmValue.ConstInt(_state.Context.Int64Type, induction.Step));
            return _state.Builder.Gep(_state.Context.Int8Type, start, [offset]);
        }
        LlvmValue kTyped = type.IntegerWidth == 64 ? k : _state.Builder.Cast(LLVMOpcode.LLVMTrunc, k, type);
        return _state.Builder.Add(start, _state.Builder.Mul(kTyped, LlvmValue.ConstInt(type, induction.Step)));
    }

    /// <summary>
    /// The local iteration number, within the loop's current entry, of the iteration the value
    /// of interest belongs to: the one being reversed, or the last one when the reverse sweep is
    /// outside the loop.
    /// </summary>
    public LlvmValue IterationIndex(NaturalLoop loop)
    {
        LoopState state = _state.LoopStates[loop.Id];
        if (_state.ReverseStarts.TryGetValue(loop.Id, out (LlvmValue Slot, TripCountShape Shape) reverseStart))
        {
            if (loop.Contains(_state.CurrentBlock))
            {
                LlvmValue current = _state.Builder.Load(_state.Context.Int64Type, state.Counter);
                return _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, current, _state.Builder.Load(_state.Context.Int64Type, reverseStart.Slot));
            }
            // Outside the loop: the last iteration of the entry that has just ended.
            LlvmValue iterations = _state.Tape.TripCountInReverse(reverseStart.Shape);
            return _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, iterations, LlvmValue.ConstInt(_state.Context.Int64Type, 1));
        }
        LlvmValue counter = _state.Tape.CounterForUse(loop);
        return _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, counter, Materialize(state.StartValue));
    }

    /// <summary>
    /// True when <see cref="Materialize"/> can rebuild <paramref name="value"/> in the reverse sweep
    /// with no cache filled in a loop of depth <paramref name="cacheDepth"/> or deeper (mirrors
    /// <see cref="Recompute"/>, conservatively).
    /// </summary>
    public bool RecomputableBelow(LlvmValue value, int cacheDepth, int depth)
    {
        if (value.AsInstruction() is not { } instruction)
        {
            return true;
        }
        int block = _state.Cfg.IndexOf(instruction.Parent);
        if ((_state.Loops.InnermostLoop(block)?.Depth ?? 0) < cacheDepth)
        {
            return true;
        }
        if (depth == 0 || _state.Instrumentation.Contains(instruction.Handle))
        {
            return false;
        }
        if (instruction.Opcode == LLVMOpcode.LLVMPHI)
        {
            // The induction's iteration index reads its loop's entry counter, cached one loop further out.
            return AffineInduction(instruction) is { } induction && induction.Loop.Depth <= cacheDepth
                && RecomputableBelow(induction.Start, cacheDepth, depth - 1);
        }
        if (!IsCheap(instruction) && !(instruction.Opcode == LLVMOpcode.LLVMLoad && _state.StableMemory.IsStable(instruction)))
        {
            return false;
        }
        for (int i = 0; i < instruction.Value.OperandCount; i++)
        {
            if (!RecomputableBelow(instruction.Value.GetOperand(i), cacheDepth, depth - 1))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The shadow address of a pointer, usable in the current reverse block.</summary>
    public LlvmValue ReverseShadow(LlvmValue pointer)
    {
        if (_state.Shadows.TryGet(pointer, out LlvmValue shadow))
        {
            return Materialize(shadow);
        }
        if (pointer.IsGlobalVariable || pointer.IsConstantExpression)
        {
            return _state.Forward.ForwardShadow(pointer);
        }
        if (pointer.IsNullPointerConstant)
        {
            // A null pointer's shadow is null (duplicated null arguments of split calls).
            return pointer;
        }
        throw new InvalidOperationException($"no shadow for {pointer}");
    }

    /// <summary>
    /// The shadow of a pointer that only GEPs, casts, phis and selects derive from one argument,
    /// rebuilt as that argument's shadow plus the primal pointer's byte offset from it: the
    /// shadow mirrors every step, so the offsets agree. Used where the shadow would otherwise be
    /// cached beside the primal pointer (a <c>p++</c> carried across an outer loop); null when the
    /// pointer has any other origin.
    /// </summary>
    private LlvmValue? ShadowFromPrimalOffset(LlvmValue pointer)
    {
        LlvmValue? root = null;
        var visited = new HashSet<LLVMValueRef>();
        var pending = new Stack<LlvmValue>([pointer]);
        while (pending.Count > 0)
        {
            LlvmValue value = pending.Pop();
            if (!visited.Add(value.Handle))
            {
                continue;
            }
            if (value.IsArgument)
            {
                if (root is { } known && known.Handle != value.Handle)
                {
                    return null;
                }
                root = value;
                continue;
            }
            switch (value.AsInstruction())
            {
                case { Opcode: LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast }:
                    pending.Push(value.GetOperand(0));
                    break;
                case { Opcode: LLVMOpcode.LLVMPHI } phi:
                    foreach ((LlvmValue incoming, _) in phi.Incoming)
                    {
                        pending.Push(incoming);
                    }
                    break;
                case { Opcode: LLVMOpcode.LLVMSelect }:
                    pending.Push(value.GetOperand(1));
                    pending.Push(value.GetOperand(2));
                    break;
                default:
                    return null;
            }
        }
        if (root is not { } argument || !_state.Shadows.TryGet(argument, out LlvmValue rootShadow) || argument.Type.Handle != pointer.Type.Handle)
        {
            return null;
        }
        LlvmValue primal = Materialize(pointer);
        LlvmValue offset = _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub,
            _state.Builder.Cast(LLVMOpcode.LLVMPtrToInt, primal, _state.Context.Int64Type), _state.Builder.Cast(LLVMOpcode.LLVMPtrToInt, argument, _state.Context.Int64Type));
        return _state.Builder.Gep(_state.Context.Int8Type, rootShadow, [offset]);
    }
}
