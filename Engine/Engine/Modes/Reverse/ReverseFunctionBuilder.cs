using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// Turns a canonicalised clone of the primal into a combined gradient function in place.
/// <list type="number">
/// <item>Forward sweep: the primal itself, plus shadow addresses for active pointers (mirrored
/// GEPs, casts, phis, loads of pointers), zero-initialised shadow allocations, an iteration
/// counter per loop, a phi recording the predecessor of every merge block, and stores of the
/// values the reverse sweep must cache. Frees are moved to their reverse position.</item>
/// <item>Reverse sweep: one block per forward block, visited in post-order; instructions in
/// reverse, each adding partial × adjoint into its operands' adjoint slots (allocas that
/// mem2reg later promotes). Loops run backwards on the counters; merge blocks switch on the
/// recorded predecessor; phi adjoints flow to the incoming value of the edge taken.</item>
/// <item>Exit: free the caches and return the adjoints of the <c>enzyme_out</c> arguments.</item>
/// </list>
/// Primal values the reverse sweep needs are used directly when they dominate the return,
/// recomputed when cheap (address arithmetic, casts, affine induction variables), loaded again
/// when the memory is never written, and cached otherwise (<see cref="Materialize"/>).
/// All the state the phases share is one <see cref="ReverseGradientState"/>.
/// </summary>
internal sealed class ReverseFunctionBuilder
{
    private const int RecomputeDepthLimit = 6;

    private readonly ReverseGradientState _state;
    private readonly List<(LlvmInstruction Primal, LlvmValue Mirror)> _mirrorPhis = [];
    private ReverseSweepLayout? _layout;
    private bool? _tracksDeferredFrees;

    public ReverseFunctionBuilder(ReverseModeGenerator generator, LlvmFunction function, LlvmFunction primal, ReverseSignature signature,
        ForwardActivityAnalysis analysis, IReadOnlyList<(LlvmValue Primal, LlvmValue Shadow)> shadowArguments,
        IReadOnlyList<LlvmValue> activeArguments, DebugLocation? requestLocation, LlvmValue? seedParameter = null)
    {
        _state = new ReverseGradientState(generator, function, primal, signature, analysis, shadowArguments, activeArguments, requestLocation, seedParameter);
    }

    /// <summary>Builds the gradient; returns where its forward sweep ends and its reverse sweep begins.</summary>
    public ReverseSweepLayout Build()
    {
        try
        {
            AnalyseControlFlow();
            ReportImpossibleWrites();
            _state.StableMemory = new StableMemoryAnalysis(_state.Function, _state.Generator.Classifier, _state.Cfg, callerMayWriteArguments: _state.Signature.Split);
            _state.AllocaPoint = _state.Function.EntryBlock.Instructions.First();
            foreach ((LlvmValue primal, LlvmValue shadow) in _state.ShadowArguments)
            {
                _state.Shadows.Record(primal, shadow);
            }
            InstrumentForwardSweep();
            ChooseReverseStarts();
            BuildReverseSweep();
            foreach (LlvmInstruction dead in _state.InstructionsToErase)
            {
                dead.EraseFromParent();
            }
            return _layout!;
        }
        finally
        {
            _state.Builder.Dispose();
        }
    }

    private void AnalyseControlFlow()
    {
        _state.Cfg = new ControlFlowGraph(_state.Function);
        _state.Dominators = new DominatorTree(_state.Cfg);
        _state.Loops = new LoopInfo(_state.Cfg, _state.Dominators);
        if (_state.Loops.IrreducibleEdge is { } edge)
        {
            throw ReverseGradientState.Error(_state.Cfg.Blocks[edge.From].Terminator!.Value, DiagnosticCodes.IrreducibleControlFlow,
                $"'{_state.Primal.Name}' has irreducible control flow (a loop with several entries, e.g. from goto), which reverse mode cannot reverse; restructure the loop to have one entry");
        }
        if (_state.Loops.NotSimplified is { } header)
        {
            throw ReverseGradientState.Error(_state.Cfg.Blocks[header].Instructions.First(), DiagnosticCodes.IrreducibleControlFlow,
                $"a loop in '{_state.Primal.Name}' could not be brought into canonical form (one preheader, one latch); restructure it");
        }
        var returns = Enumerable.Range(0, _state.Cfg.Blocks.Count)
            .Where(b => _state.Cfg.Blocks[b].Terminator is { Opcode: LLVMOpcode.LLVMRet }).ToList();
        if (returns.Count != 1)
        {
            throw new EnzymeException(DiagnosticCodes.UnsupportedInReverse,
                $"'{_state.Primal.Name}' {(returns.Count == 0 ? "never returns" : "has several return blocks after canonicalisation")}; reverse mode needs exactly one", _state.RequestLocation);
        }
        _state.ReturnBlock = returns[0];
    }

    private void ReportImpossibleWrites()
    {
        foreach ((LlvmInstruction site, LlvmValue argument) in _state.Analysis.ConstantWrites)
        {
            throw DifferentiationErrors.WriteToConstantMemory(_state.Primal, site, ParameterDescription(argument));
        }
        foreach ((LlvmInstruction site, LlvmValue source) in _state.Analysis.UntrackedPointers)
        {
            throw DifferentiationErrors.UntrackedPointer(_state.Primal, site, source);
        }
    }

    private string ParameterDescription(LlvmValue argument)
    {
        int index = _state.Function.Parameters.ToList().FindIndex(p => p.Handle == argument.Handle);
        string name = argument.Name;
        return name.Length > 0 ? $"parameter '{name}'" : $"parameter {index + 1} of the gradient";
    }

    private void InstrumentForwardSweep()
    {
        // Loop counters first: caches created later index with ForwardIndex.
        foreach (NaturalLoop loop in _state.Loops.Loops)
        {
            LlvmValue counter = _state.EntryAlloca(_state.Context.Int64Type, $"iter.{loop.Id}");
            LlvmBasicBlock header = _state.Cfg.Blocks[loop.Header];
            _state.Builder.PositionBefore(ReverseGradientState.FirstNonPhi(header));
            LlvmValue index = _state.Builder.Load(_state.Context.Int64Type, counter, $"iter.{loop.Id}.index");
            LlvmValue increment = _state.Builder.Store(_state.Builder.Add(index, LlvmValue.ConstInt(_state.Context.Int64Type, 1)), counter);
            _state.Builder.PositionBefore(_state.Cfg.Blocks[loop.Preheader].Terminator!.Value);
            LlvmValue start = _state.Builder.Load(_state.Context.Int64Type, counter, $"iter.{loop.Id}.start");
            // Counter reads must come from a cache, never be re-executed: the counter moves.
            _state.Instrumentation.Add(start.Handle);
            _state.Instrumentation.Add(index.Handle);
            _state.LoopStates[loop.Id] = new LoopState(loop, counter, index, start, increment.AsInstruction()!.Value);
        }
        // Which predecessor each merge block was entered from.
        for (int b = 0; b < _state.Cfg.Blocks.Count; b++)
        {
            if (_state.Cfg.Predecessors[b].Count > 1 && !_state.Loops.Loops.Any(l => l.Header == b))
            {
                LlvmBasicBlock block = _state.Cfg.Blocks[b];
                _state.Builder.PositionBeforeDebugRecords(block.Instructions.First());
                LlvmValue id = _state.Builder.Phi(_state.Context.Int32Type, "pred");
                IReadOnlyList<int> predecessors = _state.Cfg.Predecessors[b];
                for (int p = 0; p < predecessors.Count; p++)
                {
                    LlvmBasicBlock predecessor = _state.Cfg.Blocks[predecessors[p]];
                    foreach (LlvmBasicBlock successor in predecessor.Successors)
                    {
                        if (successor.Handle == block.Handle)
                        {
                            LlvmBuilder.AddIncoming(id, LlvmValue.ConstInt(_state.Context.Int32Type, p), predecessor);
                        }
                    }
                }
                _state.PredecessorIds[b] = id;
            }
        }
        foreach (LlvmBasicBlock block in _state.Cfg.Blocks)
        {
            foreach (LlvmInstruction instruction in block.Instructions.ToList())
            {
                InstrumentForward(instruction);
            }
        }
        foreach ((LlvmInstruction primal, LlvmValue mirror) in _mirrorPhis)
        {
            uint count = LLVM.LLVMCountIncoming(primal.Handle);
            for (uint i = 0; i < count; i++)
            {
                var incoming = new LlvmValue(LLVM.LLVMGetIncomingValue(primal.Handle, i));
                var block = new LlvmBasicBlock(LLVM.LLVMGetIncomingBlock(primal.Handle, i));
                _state.Builder.PositionBefore(block.Terminator!.Value);
                LlvmBuilder.AddIncoming(mirror, ForwardShadow(incoming), block);
            }
        }
    }

    private void InstrumentForward(LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        bool mirrored = _state.Analysis.IsShadowed(value) && TypeFacts.ContainsPointerOrInteger(instruction.Type) && !TypeFacts.IsFloatingPointValue(instruction.Type);
        switch (instruction.Opcode)
        {
            case LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMBitCast or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMPtrToInt
                or LLVMOpcode.LLVMIntToPtr or LLVMOpcode.LLVMTrunc or LLVMOpcode.LLVMZExt or LLVMOpcode.LLVMSExt or LLVMOpcode.LLVMFreeze
                or LLVMOpcode.LLVMExtractValue or LLVMOpcode.LLVMExtractElement or LLVMOpcode.LLVMLoad:
                if (mirrored)
                {
                    MirrorForward(instruction, 0);
                }
                break;
            case LLVMOpcode.LLVMAdd or LLVMOpcode.LLVMSub or LLVMOpcode.LLVMMul or LLVMOpcode.LLVMShl or LLVMOpcode.LLVMLShr
                or LLVMOpcode.LLVMAShr or LLVMOpcode.LLVMAnd or LLVMOpcode.LLVMOr or LLVMOpcode.LLVMXor
                or LLVMOpcode.LLVMInsertValue or LLVMOpcode.LLVMInsertElement or LLVMOpcode.LLVMShuffleVector:
                if (mirrored)
                {
                    MirrorForward(instruction, 0, 1);
                }
                break;
            case LLVMOpcode.LLVMSelect:
                if (mirrored)
                {
                    MirrorForward(instruction, 1, 2);
                }
                break;
            case LLVMOpcode.LLVMPHI:
                if (mirrored && !_state.PredecessorIds.ContainsValue(value))
                {
                    _state.Builder.PositionBeforeDebugRecords(ReverseGradientState.FirstNonPhi(instruction.Parent));
                    LlvmValue phi = _state.Builder.Phi(instruction.Type, value.Name + "'");
                    _state.Shadows.Record(instruction, phi);
                    _mirrorPhis.Add((instruction, phi));
                }
                break;
            case LLVMOpcode.LLVMStore:
                // Addresses stored into shadow memory are mirrored now; floating-point data has
                // adjoints, handled by the reverse sweep.
                LlvmValue stored = value.GetOperand(0);
                if (_state.HasShadow(value.GetOperand(1)) && !TypeFacts.ContainsFloatingPoint(stored.Type) && TypeFacts.ContainsPointer(stored.Type))
                {
                    MirrorForward(instruction, 0, 1);
                }
                break;
            case LLVMOpcode.LLVMAlloca:
                if (_state.Analysis.ShadowAllocations.Contains(instruction.Handle))
                {
                    ShadowAlloca(instruction);
                }
                break;
            case LLVMOpcode.LLVMCall:
                InstrumentForwardCall(instruction);
                break;
            case LLVMOpcode.LLVMRet:
                break;
        }
    }

    private void InstrumentForwardCall(LlvmInstruction call)
    {
        if (DifferentiationErrors.IsReturnsTwice(call))
        {
            throw DifferentiationErrors.ReturnsTwice(_state.Primal, call);
        }
        CallTarget target = _state.Generator.Classifier.Classify(call);
        if (target.Gradient is not null)
        {
            // The program's own gradient wins over the body and any rule.
            if (NeedsSplitCall(call))
            {
                AugmentCall(call, target.Callee!.Value);
            }
            return;
        }
        switch (target.Kind)
        {
            case CallKind.Allocation when _state.Analysis.ShadowAllocations.Contains(call.Handle):
                _state.Builder.PositionBefore(call.Next!.Value);
                LlvmType i64 = _state.Context.Int64Type;
                LlvmValue size = target.CalleeName switch
                {
                    "calloc" => _state.Builder.Mul(call.GetArgument(0), call.GetArgument(1)),
                    "aligned_alloc" => call.GetArgument(1),
                    _ => call.GetArgument(0),
                };
                LlvmFunction calloc = _state.Emitter.DeclareFunction("calloc", LlvmType.Function(_state.Context.PointerType(), [i64, i64]));
                _state.Shadows.Record(call, _state.Emitter.CallFunction(calloc, size, LlvmValue.ConstInt(i64, 1)));
                break;
            case CallKind.IgnoredIntrinsic when target.CalleeName.StartsWith("llvm.lifetime.", StringComparison.Ordinal):
                // The reverse sweep reads stack memory after the forward sweep's lifetime.end.
                _state.InstructionsToErase.Add(call);
                break;
            case CallKind.Deallocation:
                // The reverse sweep still reads the block and accumulates into its shadow. It records
                // the free when it passes it (once per free the forward sweep did), and the outermost
                // reverse sweep releases the block and its shadow when it ends. Releasing at the
                // allocation's reverse instead would be wrong where a block can reach several frees
                // (through phis, memory or callees) and cannot tell which one ran.
                RequireRecordableDeallocator(call, target.Callee!.Value);
                _state.DeferredFreeCalls.Add(call.Handle);
                _state.InstructionsToErase.Add(call);
                break;
            case CallKind.UserFunction when NeedsSplitCall(call):
                AugmentCall(call, target.Callee!.Value);
                break;
            case CallKind.Frexp when call.Type.Kind != LLVMTypeKind.LLVMStructTypeKind && _state.Analysis.IsShadowed(call.Value):
                _state.Builder.PositionBefore(call.Next!.Value);
                _state.FrexpExponents[call.Handle] = _state.Builder.Load(_state.Context.Int32Type, call.GetArgument(1), "frexp.exponent");
                break;
        }
    }

    private bool NeedsSplitCall(LlvmInstruction call) =>
        _state.IsActiveFloat(call.Value) || Enumerable.Range(0, call.ArgumentCount).Any(i => _state.Analysis.IsShadowed(call.GetArgument(i)) && TypeFacts.CarriesDerivative(call.GetArgument(i).Type));

    /// <summary>
    /// A call the preprocessing could not inline (recursion): the forward sweep calls the
    /// callee's augmented function, which returns the result and the tape its reverse needs.
    /// </summary>
    private void AugmentCall(LlvmInstruction call, LlvmFunction callee)
    {
        var activities = new ArgumentActivity[call.ArgumentCount];
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            activities[i] = argument.Type.IsPointer && _state.HasShadow(argument) ? ArgumentActivity.Duplicated
                : _state.IsActiveFloat(argument) && TypeFacts.IsFloatingPointValue(argument.Type) ? ArgumentActivity.Active
                : ArgumentActivity.Constant;
        }
        bool resultActive = _state.IsActiveFloat(call.Value);
        if (!call.Type.IsPointer && TypeFacts.ContainsPointer(call.Type) && _state.Analysis.IsShadowed(call.Value))
        {
            throw ReverseGradientState.Error(call, DiagnosticCodes.CallNotInlined,
                $"'{_state.Primal.Name}' calls '{callee.Name}', which cannot be inlined (it is recursive) and returns a struct holding pointers the caller differentiates through; a call can return the shadow of a plain pointer only — return the pointer alone, or pass the struct through a pointer parameter");
        }
        bool resultShadowed = call.Type.IsPointer && _state.Analysis.IsShadowed(call.Value);
        SplitGradient split = _state.Generator.GetOrCreateSplit(new ReverseSignature(callee, activities, resultActive, ReturnShadow: resultShadowed), call.DebugLocation);

        _state.Builder.PositionBefore(call);
        var arguments = new List<LlvmValue>();
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            arguments.Add(call.GetArgument(i));
            if (activities[i] == ArgumentActivity.Duplicated)
            {
                arguments.Add(ForwardShadow(call.GetArgument(i)));
            }
        }
        LlvmValue augmented = _state.Builder.Call(split.Augmented.FunctionType, split.Augmented, [.. arguments]);
        LLVM.LLVMInstructionSetDebugLoc(augmented.Handle, LLVM.LLVMInstructionGetDebugLoc(call.Handle));
        LlvmValue tape = split.ReturnsPrimal ? _state.Builder.ExtractValue(augmented, 1, "tape") : augmented;
        LlvmValue? result = null;
        if (split.ReturnsPrimal)
        {
            result = _state.Builder.ExtractValue(augmented, 0);
            call.Value.ReplaceAllUsesWith(result.Value);
            if (_state.Analysis.IsShadowed(call.Value))
            {
                _state.Analysis.MarkShadowed(result.Value);
            }
            if (split.ReturnsShadow)
            {
                LlvmValue shadow = _state.Builder.ExtractValue(augmented, 2, call.Value.Name + "'");
                _state.Shadows.Record(result.Value, shadow);
                _state.Instrumentation.Add(shadow.Handle);
            }
        }
        _state.SplitCalls[call.Handle] = new SplitCall(split, activities, tape, result, resultActive);
        // Reversed through the original call; never recomputed (the call has effects).
        _state.Instrumentation.UnionWith([augmented.Handle, tape.Handle, .. (result is { } r ? [r.Handle] : Array.Empty<LLVMValueRef>())]);
        _state.InstructionsToErase.Add(call);
    }

    private void MirrorForward(LlvmInstruction instruction, params int[] shadowOperands)
    {
        _state.Builder.PositionBefore(instruction.Next!.Value);
        LlvmValue[] shadows = shadowOperands.Select(i => ForwardShadow(instruction.Value.GetOperand(i))).ToArray();
        var clone = new LlvmValue(LLVM.LLVMInstructionClone(instruction.Handle));
        for (int j = 0; j < shadowOperands.Length; j++)
        {
            clone.SetOperand(shadowOperands[j], shadows[j]);
        }
        _state.Builder.Insert(clone, instruction.Value.Name + "'");
        if (!instruction.Type.IsVoid)
        {
            _state.Shadows.Record(instruction, clone);
        }
    }

    private void ShadowAlloca(LlvmInstruction alloca)
    {
        _state.Builder.PositionBefore(alloca.Next!.Value);
        LlvmType allocated = new(LLVM.LLVMGetAllocatedType(alloca.Handle));
        var shadow = new LlvmValue(LLVM.LLVMInstructionClone(alloca.Handle));
        _state.Builder.Insert(shadow, alloca.Value.Name + "'");
        LlvmValue count = alloca.Value.GetOperand(0);
        if (count.ConstantIntValue == 1)
        {
            _state.Builder.Store(LlvmValue.ConstNull(allocated), shadow);
        }
        else
        {
            LlvmValue bytes = _state.Builder.Mul(new LlvmValue(LLVM.LLVMSizeOf(allocated.Handle)), _state.Builder.Cast(LLVMOpcode.LLVMZExt, count, _state.Context.Int64Type));
            _state.Builder.MemSet(shadow, LlvmValue.ConstInt(_state.Context.Int8Type, 0), bytes);
        }
        _state.Shadows.Record(alloca, shadow);
    }

    /// <summary>A pointer's shadow at the current (forward) position: recorded, a shadow global, or the primal itself.</summary>
    private LlvmValue ForwardShadow(LlvmValue value)
    {
        if (_state.Shadows.TryGet(value, out LlvmValue shadow))
        {
            return shadow;
        }
        if ((value.IsGlobalVariable || value.IsConstantExpression) && _state.Analysis.IsShadowed(value))
        {
            return ShadowMap.ShadowOfConstant(value, 0, _state.Builder, _state.Generator.ShadowGlobalTable.Get, (operand, _) => ForwardShadow(operand));
        }
        return TypeFacts.IsFloatingPointValue(value.Type) ? LlvmValue.ConstNull(value.Type) : value;
    }

    private void BuildReverseSweep()
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
        LlvmValue? returnedShadow = _state.Signature.ReturnShadow && returned is { } pointer && pointer.Type.IsPointer ? ForwardShadow(pointer) : null;
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
                    AddToAdjoint(result, seed);
                }
                else if (_state.SeedParameter is null && TypeFacts.IsFloatingPointValue(result.Type))
                {
                    AddToAdjoint(result, IrEmitter.Constant(result.Type, 1.0));
                }
            }
            LlvmBasicBlock block = _state.Cfg.Blocks[b];
            List<LlvmInstruction> instructions = block.Instructions.ToList();
            for (int i = instructions.Count - 1; i >= 0; i--)
            {
                LlvmInstruction instruction = instructions[i];
                if (instruction.Opcode != LLVMOpcode.LLVMPHI && instruction.Handle != ret.Handle && !_state.Instrumentation.Contains(instruction.Handle))
                {
                    Reverse(instruction);
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
        RemoveDeadReverseCode();
        RemoveUnreadCaches();
        ReportCaches();
        foreach (LlvmBasicBlock block in _state.ReverseRegion)
        {
            reverseBlocks.Add(block.Handle);
        }
        _layout = new ReverseSweepLayout(forwardExit.AsInstruction()!.Value, returned, reverseBlocks, returnedShadow);
        _state.Builder.PositionAtEnd(_state.ExitBlock);
        foreach (CacheSlot cache in _state.Caches.Values.Where(c => c.Loop is not null))
        {
            LlvmValue array = _state.Builder.Load(_state.Context.PointerType(), cache.Storage);
            if (_state.IsGpuTarget())
            {
                _state.Emitter.CallFunction(Free(), array);
            }
            else
            {
                // Pooled for the next gradient call rather than freed: see CachePool.
                _state.Emitter.CallFunction(CachePool.Release(_state.Generator.Module), array, _state.Builder.Load(_state.Context.Int64Type, cache.Capacity!.Value),
                    new LlvmValue(LLVM.LLVMSizeOf(cache.Value.Type.Handle)));
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
    }

    /// <summary>
    /// Every reverse sweep brackets itself for the deferred-free list when the module frees memory
    /// anywhere: a callee's reverse may record frees that only the outermost sweep may release.
    /// </summary>
    private bool TracksDeferredFrees() => _tracksDeferredFrees ??= LibraryFunctions.Deallocators
        .Any(name => _state.Generator.Module.GetFunction(name) is { } f && f.Value.Users.Any());

    private void RequireRecordableDeallocator(LlvmInstruction call, LlvmFunction deallocator)
    {
        IReadOnlyList<LlvmType> parameters = deallocator.FunctionType.ParameterTypes;
        if (parameters.Count > DeferredFrees.MaximumDeallocatorParameters || parameters.Skip(1).Any(p => !p.IsInteger || p.IntegerWidth != 64))
        {
            throw _state.Unsupported(call, $"a call to the deallocator '{deallocator.Name}', whose parameters are not (pointer[, size[, alignment]])");
        }
    }

    /// <summary>Records a free passed by the reverse sweep, with its shadow (null when it has none), for the outermost sweep to release.</summary>
    private void RecordDeferredFree(LlvmInstruction call, LlvmFunction deallocator)
    {
        LlvmType i64 = _state.Context.Int64Type;
        LlvmValue block = Materialize(call.GetArgument(0));
        LlvmValue shadow = _state.HasShadow(call.GetArgument(0)) ? ReverseShadow(call.GetArgument(0)) : LlvmValue.ConstNull(_state.Context.PointerType());
        LlvmValue size = call.ArgumentCount > 1 ? Materialize(call.GetArgument(1)) : LlvmValue.ConstInt(i64, 0);
        LlvmValue alignment = call.ArgumentCount > 2 ? Materialize(call.GetArgument(2)) : LlvmValue.ConstInt(i64, 0);
        _state.Emitter.CallFunction(DeferredFrees.Record(_state.Generator.Module), deallocator.Value,
            LlvmValue.ConstInt(i64, call.ArgumentCount), block, shadow, size, alignment);
    }

    /// <summary>
    /// Partial derivatives are formed for every operand a rule names; those of inactive operands
    /// are never used. Removing them (pure instructions without users, to a fixed point) shows
    /// which cache reads are really needed.
    /// </summary>
    private void RemoveDeadReverseCode()
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
    private void RemoveUnreadCaches()
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
    private void ReportCaches()
    {
        LLVMTargetDataRef layout = LLVM.LLVMGetModuleDataLayout(_state.Generator.Module.Handle);
        var perLoop = _state.Caches.Values.Where(c => c.Loop is not null).GroupBy(c => c.Loop!.Id).OrderBy(g => g.Key)
            .Select(g => $"loop {g.Key} (depth {g.First().Loop!.Depth}): {g.Count()} value(s), {g.Sum(c => (long)LLVM.LLVMABISizeOfType(layout, c.Value.Type.Handle))} bytes per iteration")
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
                phiAdjoints.Add((phi, TakeAdjoint(phi.Value)));
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
            LlvmValue first = _state.Builder.ICmp(LLVMIntPredicate.LLVMIntEQ, IterationIndex(headed), LlvmValue.ConstInt(_state.Context.Int64Type, 0));
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
        var switchInstruction = new LlvmValue(LLVM.LLVMBuildSwitch(_state.Builder.Handle, id.Handle, targets[0].Handle, (uint)(targets.Count - 1)));
        for (int p = 1; p < targets.Count; p++)
        {
            LLVM.LLVMAddCase(switchInstruction.Handle, LlvmValue.ConstInt(_state.Context.Int32Type, p).Handle, targets[p].Handle);
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
            var whenTrue = new LlvmBasicBlock(LLVM.LLVMValueAsBasicBlock(branch.Value.GetOperand(2).Handle));
            var whenFalse = new LlvmBasicBlock(LLVM.LLVMValueAsBasicBlock(branch.Value.GetOperand(1).Handle));
            LlvmBasicBlock target = _state.Cfg.Blocks[block];
            if ((whenTrue.Handle == target.Handle) != (whenFalse.Handle == target.Handle))
            {
                LlvmValue condition = Materialize(branch.Value.GetOperand(0));
                LlvmValue fromGuard = LlvmValue.ConstInt(_state.Context.Int32Type, guard), fromOther = LlvmValue.ConstInt(_state.Context.Int32Type, 1 - guard);
                return whenTrue.Handle == target.Handle
                    ? _state.Builder.Select(condition, fromGuard, fromOther)
                    : _state.Builder.Select(condition, fromOther, fromGuard);
            }
        }
        return Materialize(_state.PredecessorIds[block]);
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
            uint count = LLVM.LLVMCountIncoming(phi.Handle);
            for (uint i = 0; i < count; i++)
            {
                if (LLVM.LLVMGetIncomingBlock(phi.Handle, i).Handle == forwardPredecessor.Handle.Handle)
                {
                    AddToAdjoint(new LlvmValue(LLVM.LLVMGetIncomingValue(phi.Handle, i)), adjoint);
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
                LlvmValue iterations = TripCountInReverse(reverseStart.Shape);
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

    private LlvmValue AdjointSlot(LlvmValue value)
    {
        if (!_state.AdjointSlots.TryGetValue(value.Handle, out LlvmValue slot))
        {
            slot = _state.EntryAlloca(value.Type, value.Name + "'de");
            _state.AdjointSlots[value.Handle] = slot;
        }
        return slot;
    }

    /// <summary>Reads an instruction's accumulated adjoint and resets it (loops define the value again).</summary>
    private LlvmValue TakeAdjoint(LlvmValue value)
    {
        LlvmValue slot = AdjointSlot(value);
        LlvmValue adjoint = _state.Builder.Load(value.Type, slot);
        _state.Builder.Store(LlvmValue.ConstNull(value.Type), slot);
        return adjoint;
    }

    private void AddToAdjoint(LlvmValue value, LlvmValue delta)
    {
        if (value.IsConstant || !_state.Analysis.IsShadowed(value) || !TypeFacts.ContainsFloatingPoint(value.Type))
        {
            return;
        }
        LlvmValue slot = AdjointSlot(value);
        _state.Builder.Store(Add(_state.Builder.Load(value.Type, slot), delta), slot);
    }

    private LlvmValue Add(LlvmValue a, LlvmValue b)
    {
        LlvmType type = a.Type;
        if (TypeFacts.IsFloatingPointValue(type))
        {
            // Accumulating into zero-initialised adjoints: with no-signed-zeros, 0 + d folds to d
            // (an adjoint of -0 instead of +0 changes no result), and contraction allows fma.
            LlvmValue sum = _state.Builder.FAdd(a, b);
            LLVM.LLVMSetFastMathFlags(sum.Handle, LLVM.LLVMFastMathAllowReassoc | LLVM.LLVMFastMathNoSignedZeros | LLVM.LLVMFastMathAllowContract);
            return sum;
        }
        int count = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.StructElementCount : (int)type.ArrayLength;
        LlvmValue result = a;
        for (int i = 0; i < count; i++)
        {
            LlvmType element = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.GetStructElement(i) : type.ElementType;
            if (TypeFacts.ContainsFloatingPoint(element))
            {
                result = _state.Builder.InsertValue(result, Add(_state.Builder.ExtractValue(a, i), _state.Builder.ExtractValue(b, i)), i);
            }
        }
        return result;
    }

    private void Reverse(LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        bool active = _state.IsActiveFloat(value);
        switch (instruction.Opcode)
        {
            case LLVMOpcode.LLVMFAdd or LLVMOpcode.LLVMFSub:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value);
                    AddToAdjoint(value.GetOperand(0), d);
                    AddToAdjoint(value.GetOperand(1), instruction.Opcode == LLVMOpcode.LLVMFAdd ? d : _state.Builder.FNeg(d));
                }
                break;
            case LLVMOpcode.LLVMFNeg:
                if (active)
                {
                    AddToAdjoint(value.GetOperand(0), _state.Builder.FNeg(TakeAdjoint(value)));
                }
                break;
            case LLVMOpcode.LLVMFMul:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
                    if (_state.IsActiveFloat(a))
                    {
                        AddToAdjoint(a, _state.Builder.FMul(d, Materialize(b)));
                    }
                    if (_state.IsActiveFloat(b))
                    {
                        AddToAdjoint(b, _state.Builder.FMul(d, Materialize(a)));
                    }
                }
                break;
            case LLVMOpcode.LLVMFDiv:
                if (active)
                {
                    // t = d / b serves both partials: a' += t, b' -= t * (a / b). One division
                    // fewer than d/b and d*(a/b)/b, which matters in loops.
                    LlvmValue d = TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
                    LlvmValue scaled = _state.Builder.FDiv(d, Materialize(b));
                    if (_state.IsActiveFloat(a))
                    {
                        AddToAdjoint(a, scaled);
                    }
                    if (_state.IsActiveFloat(b))
                    {
                        AddToAdjoint(b, _state.Builder.FNeg(_state.Builder.FMul(scaled, Materialize(value))));
                    }
                }
                break;
            case LLVMOpcode.LLVMFRem:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
                    AddToAdjoint(a, d);
                    if (_state.IsActiveFloat(b))
                    {
                        LlvmValue quotient = _state.Emitter.Intrinsic("trunc", [_state.Builder.FDiv(Materialize(a), Materialize(b))]);
                        AddToAdjoint(b, _state.Builder.FNeg(_state.Builder.FMul(d, quotient)));
                    }
                }
                break;
            case LLVMOpcode.LLVMFreeze:
                if (active)
                {
                    // freeze only pins poison to some value: the derivative passes through.
                    AddToAdjoint(value.GetOperand(0), TakeAdjoint(value));
                }
                break;
            case LLVMOpcode.LLVMFPExt or LLVMOpcode.LLVMFPTrunc:
                if (active)
                {
                    LlvmValue operand = value.GetOperand(0);
                    AddToAdjoint(operand, _state.Builder.Cast(instruction.Opcode == LLVMOpcode.LLVMFPExt ? LLVMOpcode.LLVMFPTrunc : LLVMOpcode.LLVMFPExt, TakeAdjoint(value), operand.Type));
                }
                break;
            case LLVMOpcode.LLVMBitCast:
                if (active)
                {
                    LlvmValue operand = value.GetOperand(0);
                    if (!TypeFacts.ContainsFloatingPoint(operand.Type))
                    {
                        throw _state.Unsupported(instruction, "a bit cast from integer to floating-point data");
                    }
                    AddToAdjoint(operand, _state.Builder.Cast(LLVMOpcode.LLVMBitCast, TakeAdjoint(value), operand.Type));
                }
                break;
            case LLVMOpcode.LLVMSelect:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value), condition = Materialize(value.GetOperand(0));
                    LlvmValue zero = LlvmValue.ConstNull(value.Type);
                    AddToAdjoint(value.GetOperand(1), _state.Builder.Select(condition, d, zero));
                    AddToAdjoint(value.GetOperand(2), _state.Builder.Select(condition, zero, d));
                }
                break;
            case LLVMOpcode.LLVMExtractValue:
                if (active)
                {
                    LlvmValue aggregate = value.GetOperand(0);
                    AddToAdjoint(aggregate, InsertAt(LlvmValue.ConstNull(aggregate.Type), Indices(instruction), TakeAdjoint(value)));
                }
                break;
            case LLVMOpcode.LLVMInsertValue:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value), element = value.GetOperand(1);
                    uint[] indices = Indices(instruction);
                    AddToAdjoint(element, ExtractAt(d, indices));
                    AddToAdjoint(value.GetOperand(0), InsertAt(d, indices, LlvmValue.ConstNull(element.Type)));
                }
                break;
            case LLVMOpcode.LLVMExtractElement:
                if (active)
                {
                    LlvmValue vector = value.GetOperand(0);
                    AddToAdjoint(vector, _state.Builder.InsertElement(LlvmValue.ConstNull(vector.Type), TakeAdjoint(value), Materialize(value.GetOperand(1))));
                }
                break;
            case LLVMOpcode.LLVMInsertElement:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value), index = Materialize(value.GetOperand(2));
                    AddToAdjoint(value.GetOperand(1), _state.Builder.ExtractElement(d, index));
                    AddToAdjoint(value.GetOperand(0), _state.Builder.InsertElement(d, LlvmValue.ConstNull(value.GetOperand(1).Type), index));
                }
                break;
            case LLVMOpcode.LLVMShuffleVector:
                if (active)
                {
                    ReverseShuffle(instruction);
                }
                break;
            case LLVMOpcode.LLVMLoad:
                if (active)
                {
                    // *shadow(p) += adjoint
                    LlvmValue d = TakeAdjoint(value);
                    LlvmValue shadowPointer = ReverseShadow(value.GetOperand(0));
                    uint alignment = LLVM.LLVMGetAlignment(instruction.Handle);
                    if (NeedsAtomicAccumulation(value.GetOperand(0), value.Type))
                    {
                        AccumulateAtomically(shadowPointer, d, alignment);
                    }
                    else
                    {
                        LlvmValue current = ReverseGradientState.Aligned(_state.Builder.Load(value.Type, shadowPointer), alignment);
                        ReverseGradientState.Aligned(_state.Builder.Store(Add(current, d), shadowPointer), alignment);
                    }
                }
                break;
            case LLVMOpcode.LLVMStore:
                ReverseStore(instruction);
                break;
            case LLVMOpcode.LLVMCall:
                ReverseCall(instruction);
                break;
            case LLVMOpcode.LLVMAtomicRMW or LLVMOpcode.LLVMAtomicCmpXchg or LLVMOpcode.LLVMVAArg or LLVMOpcode.LLVMInvoke
                or LLVMOpcode.LLVMLandingPad or LLVMOpcode.LLVMCallBr:
                if (active || Enumerable.Range(0, value.OperandCount).Any(i => _state.IsActiveFloat(value.GetOperand(i))))
                {
                    throw _state.Unsupported(instruction, $"a '{instruction.Opcode.ToString().Replace("LLVM", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}' instruction on active values");
                }
                break;
        }
    }

    /// <summary>
    /// On a GPU every thread of a kernel runs this reverse sweep at once, and several threads may read the
    /// same primal location (a broadcast parameter, a neighbour in a stencil): their adjoints must add up in
    /// its shadow without losing updates. Memory private to the thread (its stack) needs no atomics.
    /// </summary>
    private bool NeedsAtomicAccumulation(LlvmValue pointer, LlvmType type)
    {
        return _state.IsGpuTarget() && TypeFacts.IsFloatingPointValue(type) && !_state.StableMemory.IsStackOnly(pointer);
    }

    private static uint ScalarBytes(LlvmType type) => type.Kind switch
    {
        LLVMTypeKind.LLVMHalfTypeKind or LLVMTypeKind.LLVMBFloatTypeKind => 2,
        LLVMTypeKind.LLVMFloatTypeKind => 4,
        LLVMTypeKind.LLVMDoubleTypeKind => 8,
        _ => 16,
    };

    /// <summary>*shadow += d with one atomic add per lane.</summary>
    private void AccumulateAtomically(LlvmValue shadowPointer, LlvmValue d, uint alignment)
    {
        if (d.Type.Kind != LLVMTypeKind.LLVMVectorTypeKind)
        {
            ReverseGradientState.Aligned(_state.Builder.AtomicFAdd(shadowPointer, d), Math.Max(alignment, ScalarBytes(d.Type)));
            return;
        }
        LlvmType element = d.Type.ElementType;
        for (uint lane = 0; lane < d.Type.VectorSize; lane++)
        {
            LlvmValue address = _state.Builder.Gep(element, shadowPointer, [LlvmValue.ConstInt(_state.Context.Int64Type, lane)]);
            LlvmValue value = _state.Builder.ExtractElement(d, LlvmValue.ConstInt(_state.Context.Int32Type, lane));
            ReverseGradientState.Aligned(_state.Builder.AtomicFAdd(address, value), ScalarBytes(element));
        }
    }

    private void ReverseStore(LlvmInstruction store)
    {
        LlvmValue stored = store.Value.GetOperand(0), pointer = store.Value.GetOperand(1);
        if (!_state.HasShadow(pointer) || !TypeFacts.ContainsFloatingPoint(stored.Type))
        {
            return;
        }
        // adjoint(v) += *shadow(p); *shadow(p) = 0: the store overwrote whatever was there.
        // The shadow has the primal's layout, so the primal's (possibly small) alignment applies.
        LlvmValue shadowPointer = ReverseShadow(pointer);
        uint alignment = LLVM.LLVMGetAlignment(store.Handle);
        if (_state.IsActiveFloat(stored))
        {
            AddToAdjoint(stored, ReverseGradientState.Aligned(_state.Builder.Load(stored.Type, shadowPointer), alignment));
        }
        ReverseGradientState.Aligned(_state.Builder.Store(LlvmValue.ConstNull(stored.Type), shadowPointer), alignment);
    }

    private void ReverseShuffle(LlvmInstruction shuffle)
    {
        LlvmValue d = TakeAdjoint(shuffle.Value);
        LlvmValue left = shuffle.Value.GetOperand(0), right = shuffle.Value.GetOperand(1);
        int width = (int)left.Type.VectorSize;
        LlvmValue adjointLeft = LlvmValue.ConstNull(left.Type), adjointRight = LlvmValue.ConstNull(right.Type);
        uint count = LLVM.LLVMGetNumMaskElements(shuffle.Handle);
        int undefined = LLVM.LLVMGetUndefMaskElem();
        for (uint j = 0; j < count; j++)
        {
            int mask = LLVM.LLVMGetMaskValue(shuffle.Handle, j);
            if (mask == undefined)
            {
                continue;
            }
            LlvmValue element = _state.Builder.ExtractElement(d, LlvmValue.ConstInt(_state.Context.Int32Type, (int)j));
            LlvmValue index = LlvmValue.ConstInt(_state.Context.Int32Type, mask % width);
            if (mask < width)
            {
                adjointLeft = _state.Builder.InsertElement(adjointLeft, _state.Builder.FAdd(_state.Builder.ExtractElement(adjointLeft, index), element), index);
            }
            else
            {
                adjointRight = _state.Builder.InsertElement(adjointRight, _state.Builder.FAdd(_state.Builder.ExtractElement(adjointRight, index), element), index);
            }
        }
        AddToAdjoint(left, adjointLeft);
        AddToAdjoint(right, adjointRight);
    }

    private void ReverseCall(LlvmInstruction call)
    {
        if (_state.SplitCalls.TryGetValue(call.Handle, out SplitCall? split))
        {
            ReverseSplitCall(call, split);
            return;
        }
        CallTarget target = _state.Generator.Classifier.Classify(call);
        LlvmValue value = call.Value;
        bool active = _state.IsActiveFloat(value);
        bool anyArgumentActive = Enumerable.Range(0, call.ArgumentCount).Any(i => _state.Analysis.IsShadowed(call.GetArgument(i)) && TypeFacts.CarriesDerivative(call.GetArgument(i).Type));
        switch (target.Kind)
        {
            case CallKind.IgnoredIntrinsic or CallKind.Inactive:
                break;
            case CallKind.MathRule:
                if (active)
                {
                    ReverseMathRule(call, target.Rule!);
                }
                break;
            case CallKind.Frexp:
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value);
                    LlvmValue x = call.GetArgument(0);
                    bool isIntrinsic = call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind;
                    LlvmValue exponent = isIntrinsic ? _state.Builder.ExtractValue(Materialize(value), 1) : Materialize(_state.FrexpExponents[call.Handle]);
                    LlvmValue dm = isIntrinsic ? _state.Builder.ExtractValue(d, 0) : d;
                    LlvmValue negated = _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, LlvmValue.ConstNull(exponent.Type), exponent);
                    LlvmValue scale = _state.Emitter.Intrinsic("ldexp", [IrEmitter.Constant(x.Type, 1.0), negated], [x.Type, exponent.Type]);
                    AddToAdjoint(x, _state.Builder.FMul(dm, scale));
                }
                break;
            case CallKind.Modf:
                if (call.ArgumentCount > 1 && _state.HasShadow(call.GetArgument(1)))
                {
                    _state.Builder.Store(LlvmValue.ConstNull(call.GetArgument(0).Type), ReverseShadow(call.GetArgument(1)));
                }
                if (active)
                {
                    LlvmValue d = TakeAdjoint(value);
                    AddToAdjoint(call.GetArgument(0), call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind ? _state.Builder.ExtractValue(d, 0) : d);
                }
                break;
            case CallKind.MemoryTransfer:
                if (_state.HasShadow(call.GetArgument(0)))
                {
                    LlvmValue destination = ReverseShadow(call.GetArgument(0));
                    LlvmValue length = Materialize(call.GetArgument(2));
                    if (_state.HasShadow(call.GetArgument(1)))
                    {
                        bool mayOverlap = target.CalleeName.Contains("memmove", StringComparison.Ordinal);
                        LlvmFunction adjoint = RuntimeSupport.MemcpyAdjoint(_state.Generator.Module, HoldsSinglePrecision(call.GetArgument(0)), mayOverlap);
                        _state.Emitter.CallFunction(adjoint, destination, ReverseShadow(call.GetArgument(1)), ToInt64(length));
                    }
                    else
                    {
                        _state.Builder.MemSet(destination, LlvmValue.ConstInt(_state.Context.Int8Type, 0), length);
                    }
                }
                break;
            case CallKind.MemorySet:
                if (_state.HasShadow(call.GetArgument(0)))
                {
                    _state.Builder.MemSet(ReverseShadow(call.GetArgument(0)), LlvmValue.ConstInt(_state.Context.Int8Type, 0), Materialize(call.GetArgument(2)));
                }
                break;
            case CallKind.Deallocation:
                if (_state.DeferredFreeCalls.Contains(call.Handle))
                {
                    RecordDeferredFree(call, target.Callee!.Value);
                }
                break;
            case CallKind.Reallocation:
                if (_state.Analysis.IsShadowed(value) || anyArgumentActive)
                {
                    throw _state.Unsupported(call, "realloc of memory holding active data");
                }
                break;
            case CallKind.UserFunction:
                if (anyArgumentActive || active)
                {
                    throw ReverseGradientState.Error(call, DiagnosticCodes.CallNotInlined,
                        $"'{_state.Primal.Name}' calls '{target.CalleeName}' with active arguments, and the call could neither be inlined nor differentiated as a call; drop its noinline attribute or register a custom gradient");
                }
                break;
            case CallKind.CustomForwardRule:
                if (anyArgumentActive || active)
                {
                    throw ReverseGradientState.Error(call, DiagnosticCodes.CallNotInlined,
                        $"'{_state.Primal.Name}' calls '{target.CalleeName}', which has a custom forward derivative only; reverse mode needs its body or a custom gradient");
                }
                break;
            case CallKind.UnknownExternal or CallKind.OtherIntrinsic:
                if (anyArgumentActive || active)
                {
                    throw DifferentiationErrors.UnknownFunction(_state.Primal, call, target, forward: false);
                }
                break;
            case CallKind.Indirect:
                if (anyArgumentActive)
                {
                    throw DifferentiationErrors.IndirectCall(_state.Primal, call);
                }
                break;
            case CallKind.InlineAssembly:
                if (anyArgumentActive || active)
                {
                    throw DifferentiationErrors.InlineAssembly(_state.Primal, call);
                }
                break;
        }
    }

    /// <summary>The reverse of an augmented call: the callee's reverse function with the tape.</summary>
    private void ReverseSplitCall(LlvmInstruction call, SplitCall split)
    {
        var arguments = new List<LlvmValue>();
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            arguments.Add(Materialize(argument));
            if (split.Activities[i] == ArgumentActivity.Duplicated)
            {
                arguments.Add(ReverseShadow(argument));
            }
        }
        if (split.ResultActive)
        {
            arguments.Add(TakeAdjoint(split.Result!.Value));
        }
        arguments.Add(Materialize(split.Tape));
        LlvmFunction reverse = split.Gradient.Reverse;
        LlvmValue adjoints = _state.Builder.Call(reverse.FunctionType, reverse, [.. arguments]);
        var active = Enumerable.Range(0, call.ArgumentCount).Where(i => split.Activities[i] == ArgumentActivity.Active).ToList();
        for (int k = 0; k < active.Count; k++)
        {
            LlvmValue adjoint = active.Count == 1 ? adjoints : _state.Builder.ExtractValue(adjoints, k);
            AddToAdjoint(call.GetArgument(active[k]), adjoint);
        }
    }

    private void ReverseMathRule(LlvmInstruction call, DerivativeRule rule)
    {
        LlvmValue d = TakeAdjoint(call.Value);
        if (rule.IsPiecewiseConstant)
        {
            return;
        }
        var arguments = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument).ToArray();
        LlvmValue[] materialized = arguments.Select(Materialize).ToArray();
        LlvmValue?[] partials = rule.Partials(new RuleContext(_state.Emitter, materialized, Materialize(call.Value),
            (name, formulaArguments) => SiblingMathCall(call, arguments, materialized, name, formulaArguments)));
        for (int i = 0; i < Math.Min(arguments.Length, partials.Length); i++)
        {
            if (partials[i] is { } partial && _state.IsActiveFloat(arguments[i]) && TypeFacts.IsFloatingPointValue(arguments[i].Type))
            {
                AddToAdjoint(arguments[i], _state.Builder.FMul(d, partial));
            }
        }
    }

    /// <summary>
    /// A call of the same block that computes what a derivative formula is about to compute:
    /// <c>cos(x)</c> for the derivative of <c>sin(x)</c> when the primal also calls <c>cos(x)</c>
    /// (a rotation). Same block, so it ran whenever the call being reversed did; its value comes
    /// back like any primal value (directly, or from a cache, cheaper than a second call).
    /// </summary>
    private LlvmValue? SiblingMathCall(LlvmInstruction call, LlvmValue[] arguments, LlvmValue[] materialized, string intrinsic, LlvmValue[] formulaArguments)
    {
        if (formulaArguments.Length != arguments.Length || formulaArguments.Where((a, i) => a.Handle != materialized[i].Handle).Any())
        {
            return null;
        }
        string suffix = call.Type.Kind == LLVMTypeKind.LLVMFloatTypeKind ? "f" : call.Type.Kind == LLVMTypeKind.LLVMDoubleTypeKind ? "" : "?";
        foreach (LlvmInstruction sibling in call.Parent.Instructions)
        {
            if (sibling.Opcode != LLVMOpcode.LLVMCall || sibling.Handle == call.Handle || sibling.Type.Handle != call.Type.Handle
                || sibling.ArgumentCount != arguments.Length || sibling.CalledValue.Name is not { } name
                || !(name == intrinsic + suffix || name.StartsWith($"llvm.{intrinsic}.", StringComparison.Ordinal)))
            {
                continue;
            }
            if (Enumerable.Range(0, arguments.Length).All(i => sibling.GetArgument(i).Handle == arguments[i].Handle))
            {
                return Materialize(sibling.Value);
            }
        }
        return null;
    }

    /// <summary>Whether memory reached from <paramref name="pointer"/> holds float rather than double elements.</summary>
    private bool HoldsSinglePrecision(LlvmValue pointer)
    {
        foreach (LlvmValue user in pointer.Users)
        {
            if (user.AsInstruction() is { } instruction && instruction.Opcode is LLVMOpcode.LLVMLoad or LLVMOpcode.LLVMStore)
            {
                LlvmType type = instruction.Opcode == LLVMOpcode.LLVMLoad ? instruction.Type : user.GetOperand(0).Type;
                return type.Kind == LLVMTypeKind.LLVMFloatTypeKind;
            }
        }
        return false;
    }

    private LlvmValue ToInt64(LlvmValue value) => value.Type.IntegerWidth == 64 ? value : _state.Builder.Cast(LLVMOpcode.LLVMZExt, value, _state.Context.Int64Type);

    private LlvmFunction Free() => _state.Emitter.DeclareFunction("free", LlvmType.Function(_state.Context.VoidType, [_state.Context.PointerType()]));

    private static unsafe uint[] Indices(LlvmInstruction instruction)
    {
        uint count = LLVM.LLVMGetNumIndices(instruction.Handle);
        uint* indices = LLVM.LLVMGetIndices(instruction.Handle);
        var result = new uint[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = indices[i];
        }
        return result;
    }

    private LlvmValue ExtractAt(LlvmValue aggregate, uint[] indices)
    {
        foreach (uint index in indices)
        {
            aggregate = _state.Builder.ExtractValue(aggregate, (int)index);
        }
        return aggregate;
    }

    private LlvmValue InsertAt(LlvmValue aggregate, uint[] indices, LlvmValue element)
    {
        if (indices.Length == 1)
        {
            return _state.Builder.InsertValue(aggregate, element, (int)indices[0]);
        }
        LlvmValue inner = _state.Builder.ExtractValue(aggregate, (int)indices[0]);
        return _state.Builder.InsertValue(aggregate, InsertAt(inner, indices[1..], element), (int)indices[0]);
    }

    /// <summary>The shadow address of a pointer, usable in the current reverse block.</summary>
    private LlvmValue ReverseShadow(LlvmValue pointer)
    {
        if (_state.Shadows.TryGet(pointer, out LlvmValue shadow))
        {
            return Materialize(shadow);
        }
        if (pointer.IsGlobalVariable || pointer.IsConstantExpression)
        {
            return ForwardShadow(pointer);
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
                    for (uint i = 0; i < LLVM.LLVMCountIncoming(phi.Handle); i++)
                    {
                        pending.Push(new LlvmValue(LLVM.LLVMGetIncomingValue(phi.Handle, i)));
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

    /// <summary>
    /// A primal value usable at the current reverse position: the value itself when it is
    /// available there, recomputed from available operands when cheap, reloaded from memory
    /// nothing writes, or read back from the cache the forward sweep filled.
    /// </summary>
    private LlvmValue Materialize(LlvmValue value)
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
            ?? LoadFromCache(instruction);
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
            var clone = new LlvmValue(LLVM.LLVMInstructionClone(instruction.Handle));
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
    private (NaturalLoop Loop, LlvmValue Start, long Step)? AffineInduction(LlvmInstruction phi)
    {
        int block = _state.Cfg.IndexOf(phi.Parent);
        NaturalLoop? loop = _state.Loops.Loops.FirstOrDefault(l => l.Header == block);
        if (loop is null || !(phi.Type.IsInteger || phi.Type.IsPointer) || LLVM.LLVMCountIncoming(phi.Handle) != 2)
        {
            return null;
        }
        LlvmValue? start = null, next = null;
        for (uint i = 0; i < 2; i++)
        {
            int from = _state.Cfg.IndexOf(new LlvmBasicBlock(LLVM.LLVMGetIncomingBlock(phi.Handle, i)));
            var incoming = new LlvmValue(LLVM.LLVMGetIncomingValue(phi.Handle, i));
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
        LLVMTargetDataRef layout = LLVM.LLVMGetModuleDataLayout(_state.Generator.Module.Handle);
        ulong size = LLVM.LLVMABISizeOfType(layout, LLVM.LLVMGetGEPSourceElementType(step.Handle));
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
    private LlvmValue IterationIndex(NaturalLoop loop)
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
            LlvmValue iterations = TripCountInReverse(reverseStart.Shape);
            return _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, iterations, LlvmValue.ConstInt(_state.Context.Int64Type, 1));
        }
        LlvmValue counter = CounterForUse(loop);
        return _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, counter, Materialize(state.StartValue));
    }

    /// <summary>
    /// Picks the nested loops whose reverse sweep finds an entry's first iteration from its trip
    /// count, recomputed on the way into the loop, instead of from a cached copy of the counter
    /// at the entry (one cache entry per iteration of the enclosing loop). Only loops whose trip
    /// count needs no cache filled as often as that one.
    /// </summary>
    private void ChooseReverseStarts()
    {
        foreach (NaturalLoop loop in _state.Loops.Loops.Where(l => l.Depth >= 2).OrderBy(l => l.Depth))
        {
            if (TripCount(loop) is { } shape && AvailableInPreheader(shape.Bound, loop) && AvailableInPreheader(shape.Start, loop)
                && RecomputableBelow(shape.Bound, loop.Depth - 1, RecomputeDepthLimit) && RecomputableBelow(shape.Start, loop.Depth - 1, RecomputeDepthLimit))
            {
                _state.ReverseStarts[loop.Id] = (_state.EntryAlloca(_state.Context.Int64Type, $"iter.{loop.Id}.rstart", initialize: false), shape);
            }
        }
    }

    /// <summary>
    /// True when <see cref="Materialize"/> can rebuild <paramref name="value"/> in the reverse sweep
    /// with no cache filled in a loop of depth <paramref name="cacheDepth"/> or deeper (mirrors
    /// <see cref="Recompute"/>, conservatively).
    /// </summary>
    private bool RecomputableBelow(LlvmValue value, int cacheDepth, int depth)
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

    /// <summary>The cache index of a value of <paramref name="loop"/> at the current reverse position.</summary>
    private LlvmValue CounterForUse(NaturalLoop loop)
    {
        LlvmValue counter = _state.Builder.Load(_state.Context.Int64Type, _state.LoopStates[loop.Id].Counter);
        return loop.Contains(_state.CurrentBlock) ? counter : _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, counter, LlvmValue.ConstInt(_state.Context.Int64Type, 1));
    }

    private LlvmValue LoadFromCache(LlvmInstruction instruction)
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
            cache = new CacheSlot(instruction.Value, loop, storage, capacity);
            LlvmValue reserve = _state.Emitter.CallFunction(RuntimeSupport.CacheReserve(_state.Generator.Module, pooled: !_state.IsGpuTarget()), storage, capacity, index, new LlvmValue(LLVM.LLVMSizeOf(type.Handle)));
            LlvmValue array = _state.Builder.Load(_state.Context.PointerType(), storage);
            LlvmValue element = _state.Builder.Gep(type, array, [index]);
            LlvmValue store = _state.Builder.Store(instruction.Value, element);
            cache.ForwardInstructions.AddRange([store, element, array, reserve]);
            cache.ForwardInstructions.AddRange(ReserveInPreheader(loop, storage, capacity, type));
        }
        _state.Caches[instruction.Handle] = cache;
        _state.Builder.PositionAtEnd(reverseBlock!.Value);
        return cache;
    }

    /// <summary>
    /// When the loop's iteration count is known in its preheader, sizes the cache there for the
    /// whole entry, so the per-iteration check never reallocates. The check stays: it is one
    /// predictable compare, and it keeps a wrong count from ever writing out of bounds.
    /// </summary>
    private IEnumerable<LlvmValue> ReserveInPreheader(NaturalLoop loop, LlvmValue storage, LlvmValue capacity, LlvmType type)
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
        LlvmValue reserve = _state.Emitter.CallFunction(RuntimeSupport.CacheReserve(_state.Generator.Module, pooled: !_state.IsGpuTarget()), storage, capacity, last, new LlvmValue(LLVM.LLVMSizeOf(type.Handle)));
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
        LLVMIntPredicate predicate = LLVM.LLVMGetICmpPredicate(compare.Handle);
        // Operand 2 of a conditional br is the true successor.
        bool continuesWhenTrue = new LlvmBasicBlock(LLVM.LLVMValueAsBasicBlock(branch.Value.GetOperand(2).Handle)).Handle == _state.Cfg.Blocks[loop.Header].Handle;
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
            if (phi.Type.IsInteger && AffineInduction(phi) is { Step: > 0 } induction && IsIncomingFromLatch(phi, loop, next))
            {
                return new TripCountShape(bound, induction.Start, induction.Step, arithmetic.Value);
            }
        }
        return null;
    }

    /// <summary>An entry's trip count rebuilt in the reverse sweep, from its bound and start at the current position.</summary>
    private LlvmValue TripCountInReverse(TripCountShape shape) => EmitTripCount(shape, Materialize(shape.Bound), Materialize(shape.Start));

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
        for (uint i = 0; i < LLVM.LLVMCountIncoming(phi.Handle); i++)
        {
            if (_state.Cfg.IndexOf(new LlvmBasicBlock(LLVM.LLVMGetIncomingBlock(phi.Handle, i))) == loop.Latch)
            {
                return LLVM.LLVMGetIncomingValue(phi.Handle, i).Handle == value.Handle.Handle;
            }
        }
        return false;
    }

    private bool AvailableInPreheader(LlvmValue value, NaturalLoop loop) =>
        value.AsInstruction() is not { } instruction || _state.Dominators.Dominates(_state.Cfg.IndexOf(instruction.Parent), loop.Preheader);

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
}
