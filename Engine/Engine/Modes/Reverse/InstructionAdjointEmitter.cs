using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The adjoint of one primal instruction, at the current reverse position (<see cref="Reverse"/>):
/// its rule's (<see cref="InstructionRules"/>; library calls <see cref="Rules.Calls.CallRules"/>),
/// written through this class as the rules' <see cref="IAdjointContext"/>: adjoints come from
/// <see cref="AdjointAccumulator"/>, primal values from <see cref="PrimalAvailability"/>. Calls of
/// user functions are handled here (<see cref="ReverseCall"/>): the reverse half of a split call
/// with its tape, and the errors for calls on active data that cannot be differentiated.
/// </summary>
internal sealed class InstructionAdjointEmitter : IAdjointContext
{
    private readonly ReverseGradientState _state;

    public InstructionAdjointEmitter(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>Emits the adjoint of <paramref name="instruction"/> at the end of the current reverse block.</summary>
    public void Reverse(LlvmInstruction instruction) => InstructionRules.For(instruction).EmitAdjoint(this, instruction);

    // ---- The rules' view of the reverse sweep (IAdjointContext) ----

    LlvmBuilder IAdjointContext.Builder => _state.Builder;

    IrEmitter IAdjointContext.Emitter => _state.Emitter;

    bool IAdjointContext.IsShadowed(LlvmValue value) => _state.Analysis.IsShadowed(value);

    bool IAdjointContext.IsActive(LlvmValue value) => _state.IsActiveFloat(value);

    LlvmValue IAdjointContext.TakeAdjoint(LlvmValue value) => _state.Adjoints.TakeAdjoint(value);

    void IAdjointContext.AddToAdjoint(LlvmValue value, LlvmValue delta) => _state.Adjoints.AddToAdjoint(value, delta);

    LlvmValue IAdjointContext.Primal(LlvmValue value) => _state.Availability.Materialize(value);

    bool IAdjointContext.HasShadow(LlvmValue pointer) => _state.HasShadow(pointer);

    LlvmValue IAdjointContext.ShadowAddress(LlvmValue pointer) => _state.Availability.ReverseShadow(pointer);

    LlvmValue IAdjointContext.Kept(LlvmInstruction call) => _state.Availability.Materialize(_state.KeptForReverse[call.Handle]);

    void IAdjointContext.RecordDeferredFree(LlvmInstruction call)
    {
        if (_state.DeferredFreeCalls.Contains(call.Handle))
        {
            _state.Sweep.RecordDeferredFree(call, call.CalledValue.AsFunction()!.Value);
        }
    }

    /// <summary>*shadow(p) += d: atomically where every thread of a GPU kernel may add to the same location.</summary>
    void IAdjointContext.AccumulateIntoShadow(LlvmValue pointer, LlvmValue delta, uint alignment)
    {
        LlvmValue shadowPointer = _state.Availability.ReverseShadow(pointer);
        if (_state.Adjoints.NeedsAtomicAccumulation(pointer, delta.Type))
        {
            _state.Adjoints.AccumulateAtomically(shadowPointer, delta, alignment);
        }
        else
        {
            LlvmValue current = _state.Builder.Load(delta.Type, shadowPointer).WithAlignment(alignment);
            _state.Builder.Store(_state.Adjoints.Add(current, delta), shadowPointer).WithAlignment(alignment);
        }
    }

    bool IAdjointContext.IsSharedBetweenThreads(LlvmValue pointer) => _state.IsSharedBetweenThreads(pointer);

    string IAdjointContext.PrimalName => _state.Primal.Name;

    EnzymeException IAdjointContext.Unsupported(LlvmInstruction at, string what) => _state.Unsupported(at, what);

    /// <summary>The adjoint of a call, by what the call is (<see cref="CallClassifier"/>); a split call's is its callee's reverse half.</summary>
    public void ReverseCall(LlvmInstruction call)
    {
        if (_state.SplitCalls.TryGetValue(call.Handle, out SplitCall? split))
        {
            ReverseSplitCall(call, split);
            return;
        }
        if (_state.ParallelForks.TryGetValue(call.Handle, out ParallelForkCall? fork))
        {
            new ParallelRegionDifferentiation(_state).Reverse(call, fork);
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
            case CallKind.LibraryRule:
                target.LibraryRule!.EmitAdjoint(this, call);
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
                if (anyArgumentActive || active)
                {
                    // Split in the forward sweep whenever an argument or the result is active; only a
                    // result active through memory alone could get here.
                    throw DifferentiationErrors.IndirectCallActiveThroughMemory(_state.Primal, call);
                }
                break;
            case CallKind.InlineAssembly:
                if (anyArgumentActive || active)
                {
                    throw DifferentiationErrors.InlineAssembly(_state.Primal, call);
                }
                break;
            case CallKind.ParallelFork:
                if (anyArgumentActive)
                {
                    // Split in the forward sweep whenever a captured argument is active.
                    throw OpenMpErrors.UnknownMicrotask(_state.Primal, call);
                }
                break;
        }
    }

    /// <summary>The reverse of an augmented call: the callee's reverse function with the tape.</summary>
    private void ReverseSplitCall(LlvmInstruction call, SplitCall split)
    {
        var arguments = new List<LlvmValue>();
        if (split.CalleePointer is { } callee)
        {
            arguments.Add(_state.Availability.Materialize(callee));
        }
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            arguments.Add(_state.Availability.Materialize(argument));
            if (split.Activities[i] == ArgumentActivity.Duplicated)
            {
                arguments.Add(_state.Availability.ReverseShadow(argument));
            }
        }
        if (split.ResultActive)
        {
            arguments.Add(_state.Adjoints.TakeAdjoint(split.Result!.Value));
        }
        arguments.Add(_state.Availability.Materialize(split.Tape));
        LlvmFunction reverse = split.Gradient.Reverse;
        LlvmValue adjoints = _state.Builder.Call(reverse.FunctionType, reverse, [.. arguments]);
        var active = Enumerable.Range(0, call.ArgumentCount).Where(i => split.Activities[i] == ArgumentActivity.Active).ToList();
        for (int k = 0; k < active.Count; k++)
        {
            LlvmValue adjoint = active.Count == 1 ? adjoints : _state.Builder.ExtractValue(adjoints, k);
            _state.Adjoints.AddToAdjoint(call.GetArgument(active[k]), adjoint);
        }
    }
}
