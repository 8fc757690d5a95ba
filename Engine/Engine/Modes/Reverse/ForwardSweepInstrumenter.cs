using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The forward sweep: the primal itself, instrumented in place for the reverse sweep with an
/// iteration counter per loop, a phi recording the predecessor of every merge block, shadow
/// addresses for active pointers (mirrored GEPs, casts, phis, loads and stores of pointers),
/// zero-initialised shadow allocations, calls of augmented halves in place of calls that could
/// not be inlined, and frees taken out (the reverse sweep records them). The stores that fill
/// caches come later, from <see cref="TapePlanner.Cache"/>, when the reverse sweep first needs a value.
/// Each instruction's part is its rule's (<see cref="InstructionRules"/>, library calls
/// <see cref="Rules.Calls.CallRules"/>); this class is the rules' <see cref="IForwardSweepContext"/>
/// and handles augmented calls and custom gradients itself.
/// </summary>
internal sealed class ForwardSweepInstrumenter : IForwardSweepContext
{
    private readonly ReverseGradientState _state;
    private readonly List<(LlvmInstruction Primal, LlvmValue Mirror)> _mirrorPhis = [];

    public ForwardSweepInstrumenter(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>
    /// Instruments the whole primal: loop counters and predecessor phis, then each instruction,
    /// then the incoming values of mirrored phis, whose shadows exist only once every block is done.
    /// </summary>
    public void InstrumentForwardSweep()
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
            foreach ((LlvmValue incoming, LlvmBasicBlock block) in primal.Incoming.ToList())
            {
                _state.Builder.PositionBefore(block.Terminator!.Value);
                LlvmBuilder.AddIncoming(mirror, ForwardShadow(incoming), block);
            }
        }
    }

    private void InstrumentForward(LlvmInstruction instruction) => InstructionRules.For(instruction).InstrumentForwardSweep(this, instruction);

    // ---- The rules' view of the forward sweep (IForwardSweepContext) ----

    IrEmitter IForwardSweepContext.Emitter => _state.Emitter;

    bool IForwardSweepContext.IsShadowed(LlvmValue value) => _state.Analysis.IsShadowed(value);

    bool IForwardSweepContext.IsMirrored(LlvmInstruction instruction) =>
        _state.Analysis.IsShadowed(instruction.Value) && TypeFacts.ContainsPointerOrInteger(instruction.Type) && !TypeFacts.IsFloatingPointValue(instruction.Type);

    bool IForwardSweepContext.HasShadow(LlvmValue value) => _state.HasShadow(value);

    void IForwardSweepContext.Mirror(LlvmInstruction instruction, params int[] shadowOperands) => MirrorForward(instruction, shadowOperands);

    void IForwardSweepContext.CreateShadowPhi(LlvmInstruction phi)
    {
        if (_state.PredecessorIds.ContainsValue(phi.Value))
        {
            return;
        }
        _state.Builder.PositionBeforeDebugRecords(ReverseGradientState.FirstNonPhi(phi.Parent));
        LlvmValue mirror = _state.Builder.Phi(phi.Type, phi.Value.Name + "'");
        _state.Shadows.Record(phi, mirror);
        _mirrorPhis.Add((phi, mirror));
    }

    bool IForwardSweepContext.IsShadowAllocation(LlvmInstruction allocation) => _state.Analysis.ShadowAllocations.Contains(allocation.Handle);

    void IForwardSweepContext.CreateShadowAllocation(LlvmInstruction allocation)
    {
        _state.Builder.PositionBefore(allocation.Next!.Value);
        _state.Shadows.Record(allocation, ShadowAllocation.Emit(_state.Emitter, allocation));
    }

    void IForwardSweepContext.InstrumentCall(LlvmInstruction call) => InstrumentForwardCall(call);

    LlvmValue IForwardSweepContext.ShadowAddress(LlvmValue pointer) => ForwardShadow(pointer);

    string IForwardSweepContext.PrimalName => _state.Primal.Name;

    void IForwardSweepContext.MarkInstrumentation(LlvmValue instruction) => _state.Instrumentation.Add(instruction.Handle);

    void IForwardSweepContext.KeepForReverse(LlvmInstruction call, LlvmValue value) => _state.KeptForReverse[call.Handle] = value;

    void IForwardSweepContext.DeferFree(LlvmInstruction call)
    {
        _state.Sweep.RequireRecordableDeallocator(call, call.CalledValue.AsFunction()!.Value);
        _state.DeferredFreeCalls.Add(call.Handle);
        _state.InstructionsToErase.Add(call);
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
            case CallKind.LibraryRule:
                target.LibraryRule!.InstrumentForwardSweep(this, call);
                break;
            case CallKind.IgnoredIntrinsic when target.CalleeName.StartsWith("llvm.lifetime.", StringComparison.Ordinal):
                // The reverse sweep reads stack memory after the forward sweep's lifetime.end.
                _state.InstructionsToErase.Add(call);
                break;
            case CallKind.UserFunction when NeedsSplitCall(call):
                AugmentCall(call, target.Callee!.Value);
                break;
            case CallKind.ParallelFork when NeedsSplitCall(call) || _state.Analysis.NeedsDerivative(call):
                new ParallelRegionDifferentiation(_state).Augment(call, ForwardShadow);
                break;
            case CallKind.Indirect when NeedsSplitCall(call) || (call.Type.IsPointer && _state.Analysis.IsShadowed(call.Value)):
                // Through a pointer: the augmented and reverse halves of whichever function it holds.
                AugmentCall(call, null);
                break;
        }
    }

    private bool NeedsSplitCall(LlvmInstruction call) =>
        _state.IsActiveFloat(call.Value) || Enumerable.Range(0, call.ArgumentCount).Any(i => _state.Analysis.IsShadowed(call.GetArgument(i)) && TypeFacts.CarriesDerivative(call.GetArgument(i).Type));

    /// <summary>
    /// A call the preprocessing could not inline (recursion): the forward sweep calls the
    /// callee's augmented function, which returns the result and the tape its reverse needs.
    /// A call through a pointer (<paramref name="callee"/> null) calls the dispatchers of
    /// <see cref="ReverseModeGenerator.GetOrCreateDispatchedSplit"/>, the pointer first.
    /// </summary>
    private void AugmentCall(LlvmInstruction call, LlvmFunction? callee)
    {
        var activities = new ArgumentActivity[call.ArgumentCount];
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            // A null pointer is duplicated with a null shadow: `root = insert(root, …)` unrolled starts with
            // insert(NULL, …), and the same halves must serve every call (see ForwardFunctionBuilder).
            activities[i] = argument.Type.IsPointer && (_state.HasShadow(argument) || argument.IsNullPointerConstant) ? ArgumentActivity.Duplicated
                : _state.IsActiveFloat(argument) && TypeFacts.IsFloatingPointValue(argument.Type) ? ArgumentActivity.Active
                : ArgumentActivity.Constant;
        }
        bool resultActive = _state.IsActiveFloat(call.Value);
        if (!call.Type.IsPointer && TypeFacts.ContainsPointer(call.Type) && _state.Analysis.IsShadowed(call.Value))
        {
            throw ReverseGradientState.Error(call, DiagnosticCodes.CallNotInlined,
                $"'{_state.Primal.Name}' calls '{callee?.Name ?? "a function through a pointer"}', which cannot be inlined (it is recursive) and returns a struct holding pointers the caller differentiates through; a call can return the shadow of a plain pointer only — return the pointer alone, or pass the struct through a pointer parameter");
        }
        bool resultShadowed = call.Type.IsPointer && _state.Analysis.IsShadowed(call.Value);
        SplitGradient split = callee is { } direct
            ? _state.Generator.GetOrCreateSplit(new ReverseSignature(direct, activities, resultActive, ReturnShadow: resultShadowed, Parallel: _state.Signature.Parallel), call.DebugLocation)
            : _state.Generator.GetOrCreateDispatchedSplit(call, _state.Primal, activities, resultActive, resultShadowed);

        _state.Builder.PositionBefore(call);
        var arguments = new List<LlvmValue>();
        if (callee is null)
        {
            arguments.Add(call.CalledValue);
        }
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            arguments.Add(call.GetArgument(i));
            if (activities[i] == ArgumentActivity.Duplicated)
            {
                arguments.Add(ForwardShadow(call.GetArgument(i)));
            }
        }
        LlvmValue augmented = _state.Builder.Call(split.Augmented.FunctionType, split.Augmented, [.. arguments]);
        augmented.CopyDebugLocationFrom(call);
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
        _state.SplitCalls[call.Handle] = new SplitCall(split, activities, tape, result, resultActive, callee is null ? call.CalledValue : null);
        // Reversed through the original call; never recomputed (the call has effects).
        _state.Instrumentation.UnionWith([augmented.Handle, tape.Handle, .. (result is { } r ? [r.Handle] : Array.Empty<LLVMValueRef>())]);
        _state.InstructionsToErase.Add(call);
    }

    private void MirrorForward(LlvmInstruction instruction, params int[] shadowOperands)
    {
        _state.Builder.PositionBefore(instruction.Next!.Value);
        LlvmValue[] shadows = shadowOperands.Select(i => ForwardShadow(instruction.Value.GetOperand(i))).ToArray();
        LlvmValue clone = instruction.CloneDetached().Value;
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

    /// <summary>A pointer's shadow at the current (forward) position: recorded, a shadow global, or the primal itself.</summary>
    public LlvmValue ForwardShadow(LlvmValue value)
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
}
