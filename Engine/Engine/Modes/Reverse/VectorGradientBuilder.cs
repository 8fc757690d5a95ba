using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Vector reverse mode (<c>__enzyme_autodiff</c> with <c>enzyme_width, N</c>) from a combined gradient: one
/// forward sweep, then the reverse sweep once per lane, each lane with its own shadows (the N shadows of every
/// duplicated argument) and its own adjoint slots, all reading the same tape. The gradient is cloned; lanes
/// 1..N-1 are copies of its reverse sweep that run first and leave the tape alone (their frees are dropped);
/// lane 0, the original reverse sweep, runs last and frees everything. The function returns the enzyme_out
/// adjoints argument by argument, lane by lane.
/// <para>
/// A lane's copy may use what the forward sweep computed only where that does not depend on the lane: shadow
/// addresses derived from the shadow arguments by address arithmetic that dominates the end of the forward
/// sweep are computed again for each lane there. Whatever else a lane would need of its own (a shadow address
/// cached in a loop, a shadow allocation, a shadow pointer stored in memory, the shadow of a global, a call
/// the reverse sweep makes into another gradient) is an ENZ1017 error naming it.
/// </para>
/// </summary>
internal sealed class VectorGradientBuilder
{
    private readonly LlvmContext _context;
    private readonly LlvmModule _module;
    private readonly LlvmFunction _combined;
    private readonly ReverseSweepLayout _layout;
    private readonly ReverseSignature _signature;
    private readonly int _width;
    private readonly ShadowGlobalTable _shadowGlobals;
    private readonly DebugLocation? _location;

    public VectorGradientBuilder(LlvmContext context, LlvmModule module, LlvmFunction combined, ReverseSweepLayout layout, ReverseSignature signature,
        int width, ShadowGlobalTable shadowGlobals, DebugLocation? location)
    {
        _context = context;
        _module = module;
        _combined = combined;
        _layout = layout;
        _signature = signature;
        _width = width;
        _shadowGlobals = shadowGlobals;
        _location = location;
    }

    public LlvmFunction Build()
    {
        LlvmFunction primal = _signature.Function;
        LlvmType[] primalParameters = primal.FunctionType.ParameterTypes;
        var parameters = new List<LlvmType>();
        var adjointTypes = new List<LlvmType>();
        for (int i = 0; i < primalParameters.Length; i++)
        {
            parameters.Add(primalParameters[i]);
            if (_signature.Activities[i] is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed)
            {
                parameters.AddRange(Enumerable.Repeat(primalParameters[i], _width));
            }
            else if (_signature.Activities[i] == ArgumentActivity.Active)
            {
                adjointTypes.Add(primalParameters[i]);
            }
        }
        LlvmType returnType = adjointTypes.Count == 0 ? _context.VoidType
            : _context.StructType([.. adjointTypes.SelectMany(t => Enumerable.Repeat(t, _width))]);
        LlvmFunction vector = _module.AddFunction($"diffe{_width}{primal.Name}", LlvmType.Function(returnType, [.. parameters]));
        vector.Linkage = LLVMLinkage.LLVMInternalLinkage;

        // Lane 0 is the combined gradient itself; lane k's shadow parameters replace lane 0's in its copies.
        var arguments = new Dictionary<LlvmValue, LlvmValue>();
        var laneShadows = new List<LlvmValue[]>();
        int from = 0, to = 0;
        for (int i = 0; i < primalParameters.Length; i++)
        {
            arguments[_combined.GetParameter(from++)] = vector.GetParameter(to++);
            if (_signature.Activities[i] is ArgumentActivity.Duplicated or ArgumentActivity.DuplicatedNoNeed)
            {
                var lanes = new LlvmValue[_width];
                for (int k = 0; k < _width; k++)
                {
                    lanes[k] = vector.GetParameter(to++);
                }
                arguments[_combined.GetParameter(from++)] = lanes[0];
                laneShadows.Add(lanes);
            }
        }
        Dictionary<LlvmValue, LlvmValue> map = FunctionCloner.CloneBody(_context, _combined, vector, arguments);
        var reverseBlocks = _combined.BasicBlocks.Where(b => _layout.ReverseBlocks.Contains(b.Handle))
            .Select(b => map[b.AsValue].AsBasicBlock()!.Value).ToList();
        var reverseSet = reverseBlocks.Select(b => b.Handle).ToHashSet();
        LlvmInstruction forwardExit = map[_layout.ForwardExit].AsInstruction()!.Value;
        LlvmBasicBlock firstReverse = forwardExit.GetSuccessor(0);

        try
        {
            Build(vector, reverseBlocks, reverseSet, forwardExit, firstReverse, laneShadows, adjointTypes.Count);
        }
        catch
        {
            vector.Delete();
            throw;
        }
        if (!vector.IsValid)
        {
            throw new EnzymeException(DiagnosticCodes.InternalError,
                $"the vector gradient of '{primal.Name}' (width {_width}) does not verify; this is an engine bug, please report it with the input", _location);
        }
        return vector;
    }

    private void Build(LlvmFunction vector, List<LlvmBasicBlock> reverseBlocks, HashSet<LLVMBasicBlockRef> reverseSet, LlvmInstruction forwardExit,
        LlvmBasicBlock firstReverse, List<LlvmValue[]> laneShadows, int adjointCount)
    {
        bool InReverse(LlvmInstruction i) => reverseSet.Contains(i.Parent.Handle);
        var forwardInstructions = vector.Instructions.Where(i => !InReverse(i)).ToList();

        // Stack memory the reverse sweep writes (adjoint slots, loop counters, shadows of locals): each lane gets a
        // copy, filled from the original when the lane starts (lane 0, the original, runs last).
        var perLane = new HashSet<LlvmValue>();
        foreach (LlvmInstruction instruction in reverseBlocks.SelectMany(b => b.Instructions))
        {
            IEnumerable<LlvmValue> written = instruction.Opcode == LLVMOpcode.LLVMStore ? [instruction.Value.GetOperand(1)]
                : instruction.IsCall ? Enumerable.Range(0, instruction.ArgumentCount).Select(instruction.GetArgument).Where(a => a.Type.IsPointer)
                : [];
            foreach (LlvmValue pointer in written)
            {
                if (BaseAlloca(pointer) is { } alloca && !InReverse(alloca))
                {
                    if (alloca.Value.GetOperand(0).ConstantIntValue != 1)
                    {
                        throw Unsupported(instruction, "its reverse sweep writes a variable-length stack array");
                    }
                    perLane.Add(alloca);
                }
            }
        }

        // What is lane 0's in the forward sweep: computed from its shadow arguments (anything), or addresses in its
        // stack copies (address arithmetic).
        var fromShadows = new HashSet<LlvmValue>(laneShadows.Select(l => l[0]));
        var fromStack = new HashSet<LlvmValue>(perLane);
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (LlvmInstruction instruction in forwardInstructions)
            {
                bool usesShadow = Enumerable.Range(0, instruction.Value.OperandCount).Any(o => fromShadows.Contains(instruction.Value.GetOperand(o)));
                if (usesShadow && fromShadows.Add(instruction))
                {
                    grew = true;
                }
                bool usesStack = Enumerable.Range(0, instruction.Value.OperandCount).Any(o => fromStack.Contains(instruction.Value.GetOperand(o)));
                if (usesStack && (IsAddressArithmetic(instruction) || instruction.Opcode == LLVMOpcode.LLVMPHI) && fromStack.Add(instruction))
                {
                    grew = true;
                }
            }
        }
        bool LaneSpecific(LlvmValue value) => fromShadows.Contains(value) || fromStack.Contains(value);

        // The lane-specific forward values the reverse sweep reads, and what they are computed from.
        var needed = new HashSet<LlvmValue>();
        var pending = new Stack<LlvmValue>();
        foreach (LlvmInstruction instruction in reverseBlocks.SelectMany(b => b.Instructions))
        {
            for (int o = 0; o < instruction.Value.OperandCount; o++)
            {
                pending.Push(instruction.Value.GetOperand(o));
            }
        }
        while (pending.Count > 0)
        {
            LlvmValue value = pending.Pop();
            if (value.AsInstruction() is not { } instruction || InReverse(instruction) || instruction.Opcode == LLVMOpcode.LLVMAlloca
                || !LaneSpecific(value) || !needed.Add(value))
            {
                continue;
            }
            for (int o = 0; o < instruction.Value.OperandCount; o++)
            {
                pending.Push(instruction.Value.GetOperand(o));
            }
        }

        var cfg = new Analysis.ControlFlowGraph(vector);
        var dominators = new Analysis.DominatorTree(cfg);
        int exitIndex = cfg.IndexOf(forwardExit.Parent);
        var recomputed = new List<LlvmInstruction>();
        foreach (LlvmInstruction instruction in Analysis.ReversePostOrder.Compute(vector).Where(b => !reverseSet.Contains(b.Handle))
            .SelectMany(b => b.Instructions))
        {
            if (fromShadows.Contains(instruction) && instruction.Opcode is LLVMOpcode.LLVMStore or LLVMOpcode.LLVMCall or LLVMOpcode.LLVMLoad
                or LLVMOpcode.LLVMAtomicRMW or LLVMOpcode.LLVMAtomicCmpXchg)
            {
                throw Unsupported(instruction, "its forward sweep reads or writes the shadow memory of an argument (a shadow pointer stored in memory, a copy of shadows, "
                    + "a shadow allocation), which each lane would need of its own");
            }
            if (!needed.Contains(instruction))
            {
                continue;
            }
            if (!IsAddressArithmetic(instruction) || !dominators.Dominates(cfg.IndexOf(instruction.Parent), exitIndex))
            {
                throw Unsupported(instruction, "its reverse sweep uses a shadow address the forward sweep computed in a loop or branch (cached), which each lane would need of its own");
            }
            recomputed.Add(instruction);
        }

        HashSet<LlvmValue> shadowGlobals = _shadowGlobals.Requested.Select(g => _shadowGlobals.Get(new LlvmValue(g), 0)).ToHashSet();
        foreach (LlvmInstruction instruction in vector.Instructions)
        {
            for (int o = 0; o < instruction.Value.OperandCount; o++)
            {
                LlvmValue operand = instruction.Value.GetOperand(o);
                while (operand.IsConstantExpression)
                {
                    operand = operand.GetOperand(0);
                }
                if (shadowGlobals.Contains(operand))
                {
                    throw Unsupported(instruction, "it differentiates through a global variable, whose shadow each lane would need of its own");
                }
            }
        }

        // The reverse sweep may write only the lane's own memory, and call only what leaves the rest alone.
        bool LanesOwn(LlvmValue pointer) => (BaseAlloca(pointer) is { } alloca && (perLane.Contains(alloca) || InReverse(alloca)))
            || DependsOnLane(pointer, fromShadows, reverseSet);
        const string NotOwn = "its reverse sweep writes memory that is not the lane's own (a shadow the forward sweep allocated on the heap, or primal memory)";
        foreach (LlvmInstruction instruction in reverseBlocks.SelectMany(b => b.Instructions))
        {
            if (instruction.Opcode is LLVMOpcode.LLVMStore or LLVMOpcode.LLVMAtomicRMW or LLVMOpcode.LLVMAtomicCmpXchg)
            {
                if (!LanesOwn(instruction.Value.GetOperand(instruction.Opcode == LLVMOpcode.LLVMStore ? 1 : 0)))
                {
                    throw Unsupported(instruction, NotOwn);
                }
            }
            else if (instruction.IsCall && !(instruction.Type.IsVoid && IsCleanup(instruction)))
            {
                if (!IsLaneSafeCall(instruction))
                {
                    throw Unsupported(instruction, $"its reverse sweep calls '{instruction.CalledValue.Name}' (e.g. another gradient's reverse half, which consumes its tape)");
                }
                if (Enumerable.Range(0, instruction.ArgumentCount).Select(instruction.GetArgument).Any(a => a.Type.IsPointer && !LanesOwn(a)))
                {
                    throw Unsupported(instruction, NotOwn);
                }
            }
        }
        if (firstReverse.Instructions.Any(i => i.Opcode == LLVMOpcode.LLVMPHI))
        {
            throw Unsupported(firstReverse.Instructions.First(), "its reverse sweep starts with a merge");
        }

        using var builder = new LlvmBuilder(_context);
        LlvmInstruction allocaPoint = vector.EntryBlock.Instructions.First();
        LlvmBasicBlock exitBlock = forwardExit.Parent;
        var laneResults = new List<LlvmValue?>();
        LlvmInstruction previousBranch = forwardExit;
        for (int lane = 1; lane < _width; lane++)
        {
            var laneMap = new Dictionary<LlvmValue, LlvmValue>();
            foreach (LlvmValue[] lanes in laneShadows)
            {
                laneMap[lanes[0]] = lanes[lane];
            }
            foreach (LlvmValue stack in perLane)
            {
                builder.PositionBefore(allocaPoint);
                LlvmInstruction original = stack.AsInstruction()!.Value;
                LlvmValue copy = builder.Alloca(original.AllocatedType, stack.Name + ".lane" + lane).WithAlignment(original.Value.Alignment);
                laneMap[stack] = copy;
            }
            builder.PositionBefore(exitBlock.Terminator!.Value);
            foreach (LlvmInstruction instruction in recomputed)
            {
                LlvmValue copy = instruction.CloneDetached();
                Remap(copy, laneMap);
                builder.Insert(copy, instruction.Value.Name + ".lane" + lane);
                laneMap[instruction] = copy;
            }
            (LlvmBasicBlock start, LlvmInstruction laneEnd, LlvmValue? result) = CloneReverseSweep(vector, reverseBlocks, firstReverse, laneMap, perLane, lane, builder);
            laneResults.Add(result);
            // Enter this lane where the previous one returned (lane 1: where the forward sweep ends).
            builder.PositionBefore(previousBranch);
            builder.Branch(start);
            previousBranch.EraseFromParent();
            previousBranch = laneEnd;
        }
        builder.PositionBefore(previousBranch);
        builder.Branch(firstReverse);
        previousBranch.EraseFromParent();

        // Lane 0 runs last; its return gathers every lane's adjoints.
        LlvmInstruction ret = reverseBlocks.SelectMany(b => b.Instructions).Single(i => i.Opcode == LLVMOpcode.LLVMRet);
        if (adjointCount > 0)
        {
            builder.PositionBefore(ret);
            LlvmValue laneZero = ret.Value.GetOperand(0);
            LlvmValue gathered = LlvmValue.Poison(vector.ReturnType);
            for (int a = 0; a < adjointCount; a++)
            {
                for (int lane = 0; lane < _width; lane++)
                {
                    LlvmValue source = lane == 0 ? laneZero : laneResults[lane - 1]!.Value;
                    LlvmValue adjoint = adjointCount == 1 ? source : builder.ExtractValue(source, a);
                    gathered = builder.InsertValue(gathered, adjoint, a * _width + lane);
                }
            }
            builder.Return(gathered);
            ret.EraseFromParent();
        }
    }

    /// <summary>
    /// Copies the reverse sweep for one lane: new blocks, the lane's shadows and adjoint slots (zeroed on entry),
    /// no frees; the copy's return becomes a branch to whatever runs next. Returns its first and last block and
    /// the adjoints it would have returned.
    /// </summary>
    private (LlvmBasicBlock Start, LlvmInstruction End, LlvmValue? Result) CloneReverseSweep(LlvmFunction vector, List<LlvmBasicBlock> reverseBlocks,
        LlvmBasicBlock firstReverse, Dictionary<LlvmValue, LlvmValue> laneMap, HashSet<LlvmValue> perLane, int lane, LlvmBuilder builder)
    {
        var blockMap = new Dictionary<LLVMBasicBlockRef, LlvmBasicBlock>();
        LlvmBasicBlock entry = _context.AppendBasicBlock(vector, $"lane{lane}.zero");
        foreach (LlvmBasicBlock block in reverseBlocks)
        {
            LlvmBasicBlock copy = _context.AppendBasicBlock(vector, $"{block.Name}.lane{lane}");
            blockMap[block.Handle] = copy;
            laneMap[block.AsValue] = copy.AsValue;
        }
        builder.PositionAtEnd(entry);
        foreach (LlvmValue stack in perLane)
        {
            LlvmType type = stack.AsInstruction()!.Value.AllocatedType;
            builder.Store(builder.Load(type, stack), laneMap[stack]);
        }
        builder.Branch(blockMap[firstReverse.Handle]);

        var clones = new List<LlvmValue>();
        var phis = new List<(LlvmInstruction Source, LlvmValue Copy)>();
        LlvmValue? result = null;
        LlvmInstruction? returnCopy = null;
        foreach (LlvmBasicBlock block in reverseBlocks)
        {
            builder.PositionAtEnd(blockMap[block.Handle]);
            foreach (LlvmInstruction instruction in block.Instructions)
            {
                if (instruction.IsCall && instruction.Type.IsVoid && IsCleanup(instruction))
                {
                    continue;
                }
                string name = instruction.Type.IsVoid ? string.Empty : instruction.Value.Name;
                LlvmValue copy;
                if (instruction.Opcode == LLVMOpcode.LLVMPHI)
                {
                    copy = builder.Phi(instruction.Type, name);
                    phis.Add((instruction, copy));
                }
                else
                {
                    copy = instruction.CloneDetached();
                    builder.Insert(copy, name);
                    clones.Add(copy);
                }
                laneMap[instruction] = copy;
                if (instruction.Opcode == LLVMOpcode.LLVMRet)
                {
                    returnCopy = copy.AsInstruction();
                }
            }
        }
        foreach (LlvmValue clone in clones)
        {
            Remap(clone, laneMap);
        }
        foreach ((LlvmInstruction source, LlvmValue copy) in phis)
        {
            foreach ((LlvmValue value, LlvmBasicBlock block) in source.Incoming)
            {
                LlvmBuilder.AddIncoming(copy, laneMap.GetValueOrDefault(value, value), blockMap[block.Handle]);
            }
        }
        LlvmInstruction ret = returnCopy ?? throw new InvalidOperationException("a reverse sweep without a return");
        result = ret.Value.OperandCount > 0 ? ret.Value.GetOperand(0) : null;
        builder.PositionBefore(ret);
        // A placeholder branch (to this lane's start, never taken): the caller points it at the next lane.
        LlvmInstruction end = builder.Branch(entry).AsInstruction()!.Value;
        ret.EraseFromParent();
        return (entry, end, result);
    }

    private static void Remap(LlvmValue clone, Dictionary<LlvmValue, LlvmValue> map)
    {
        for (int o = 0; o < clone.OperandCount; o++)
        {
            if (map.TryGetValue(clone.GetOperand(o), out LlvmValue replacement))
            {
                clone.SetOperand(o, replacement);
            }
        }
    }

    private static bool IsAddressArithmetic(LlvmInstruction instruction) => instruction.Opcode is LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast
        or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMSelect or LLVMOpcode.LLVMPtrToInt or LLVMOpcode.LLVMIntToPtr;

    /// <summary>The stack allocation an address points into, through address arithmetic; null when it is not one.</summary>
    private static LlvmInstruction? BaseAlloca(LlvmValue pointer)
    {
        LlvmValue value = pointer;
        while (value.AsInstruction() is { } instruction)
        {
            if (instruction.Opcode == LLVMOpcode.LLVMAlloca)
            {
                return instruction;
            }
            if (instruction.Opcode is not (LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast))
            {
                return null;
            }
            value = instruction.Value.GetOperand(0);
        }
        return null;
    }

    /// <summary>Whether an address in the reverse sweep is one of the lane's shadows (through the forward sweep's address arithmetic or the reverse sweep's own).</summary>
    private static bool DependsOnLane(LlvmValue pointer, HashSet<LlvmValue> laneDependent, HashSet<LLVMBasicBlockRef> reverseSet)
    {
        var seen = new HashSet<LlvmValue>();
        var pending = new Stack<LlvmValue>([pointer]);
        while (pending.Count > 0)
        {
            LlvmValue value = pending.Pop();
            if (!seen.Add(value))
            {
                continue;
            }
            if (laneDependent.Contains(value))
            {
                return true;
            }
            if (value.AsInstruction() is { } instruction && reverseSet.Contains(instruction.Parent.Handle)
                && instruction.Opcode is LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMSelect or LLVMOpcode.LLVMPHI or LLVMOpcode.LLVMIntToPtr or LLVMOpcode.LLVMPtrToInt or LLVMOpcode.LLVMAdd)
            {
                for (int o = 0; o < instruction.Value.OperandCount; o++)
                {
                    pending.Push(instruction.Value.GetOperand(o));
                }
            }
        }
        return false;
    }

    /// <summary>Calls a lane's copy keeps: intrinsics, math functions, the engine's adjoint helpers (which write shadows only).</summary>
    private static bool IsLaneSafeCall(LlvmInstruction call)
    {
        if (call.CalledValue.AsFunction() is not { } callee)
        {
            return false;
        }
        string name = callee.Name;
        return callee.IntrinsicId != 0
            || name.StartsWith(RuntimeSupport.MemcpyAdjointName(""), StringComparison.Ordinal)
            || name.StartsWith(RuntimeSupport.DisjointCopyAdjointName(""), StringComparison.Ordinal)
            || name == RuntimeSupport.DigammaName
            || (callee.IsDeclaration && MathRules.TryFind(name, false, out _));
    }

    /// <summary>What only the last lane may do: free memory (caches, the primal's deferred frees) and leave the engine's bookkeeping.</summary>
    private static bool IsCleanup(LlvmInstruction call)
    {
        if (call.CalledValue.AsFunction() is not { } callee)
        {
            return false;
        }
        string name = callee.Name;
        return name is "free" or "_ZdlPv" or "_ZdaPv" or "_ZdlPvm" or "_ZdaPvm" || RustAllocatorShims.IsDeallocator(name)
            || (name.StartsWith("__enzyme_sdk_", StringComparison.Ordinal)
                && (name.Contains("release", StringComparison.Ordinal) || name.Contains("leave", StringComparison.Ordinal)
                    || name.Contains("enter", StringComparison.Ordinal) || name.Contains("free", StringComparison.Ordinal)));
    }

    private EnzymeException Unsupported(LlvmInstruction at, string why) => new(DiagnosticCodes.VectorReverseUnsupported,
        $"enzyme_width {_width} with __enzyme_autodiff of '{_signature.Function.Name}': {why}; vector reverse mode shares one forward sweep between the lanes, " +
        $"so call __enzyme_autodiff once per seed for this function", _location ?? at.DebugLocation);
}
