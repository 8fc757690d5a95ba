using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Frontend;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Reverse;

/// <summary>
/// The adjoint of one primal instruction, at the current reverse position (<see cref="Reverse"/>):
/// the instruction's adjoint is taken and partial × adjoint added to its operands' adjoints
/// (<see cref="AdjointAccumulator"/>), or to the shadow memory it read or wrote. Calls
/// (<see cref="ReverseCall"/>): math rules, frexp and modf, memory transfers and sets, frees
/// (recorded for the outermost sweep), the reverse half of a split call with its tape; a call or
/// instruction on active data that cannot be differentiated is reported here.
/// </summary>
internal sealed class InstructionAdjointEmitter
{
    private readonly ReverseGradientState _state;

    public InstructionAdjointEmitter(ReverseGradientState state)
    {
        _state = state;
    }

    /// <summary>Emits the adjoint of <paramref name="instruction"/> at the end of the current reverse block.</summary>
    public void Reverse(LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        bool active = _state.IsActiveFloat(value);
        switch (instruction.Opcode)
        {
            case LLVMOpcode.LLVMFAdd or LLVMOpcode.LLVMFSub:
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value);
                    _state.Adjoints.AddToAdjoint(value.GetOperand(0), d);
                    _state.Adjoints.AddToAdjoint(value.GetOperand(1), instruction.Opcode == LLVMOpcode.LLVMFAdd ? d : _state.Builder.FNeg(d));
                }
                break;
            case LLVMOpcode.LLVMFNeg:
                if (active)
                {
                    _state.Adjoints.AddToAdjoint(value.GetOperand(0), _state.Builder.FNeg(_state.Adjoints.TakeAdjoint(value)));
                }
                break;
            case LLVMOpcode.LLVMFMul:
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
                    if (_state.IsActiveFloat(a))
                    {
                        _state.Adjoints.AddToAdjoint(a, _state.Builder.FMul(d, _state.Availability.Materialize(b)));
                    }
                    if (_state.IsActiveFloat(b))
                    {
                        _state.Adjoints.AddToAdjoint(b, _state.Builder.FMul(d, _state.Availability.Materialize(a)));
                    }
                }
                break;
            case LLVMOpcode.LLVMFDiv:
                if (active)
                {
                    // t = d / b serves both partials: a' += t, b' -= t * (a / b). One division
                    // fewer than d/b and d*(a/b)/b, which matters in loops.
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
                    LlvmValue scaled = _state.Builder.FDiv(d, _state.Availability.Materialize(b));
                    if (_state.IsActiveFloat(a))
                    {
                        _state.Adjoints.AddToAdjoint(a, scaled);
                    }
                    if (_state.IsActiveFloat(b))
                    {
                        _state.Adjoints.AddToAdjoint(b, _state.Builder.FNeg(_state.Builder.FMul(scaled, _state.Availability.Materialize(value))));
                    }
                }
                break;
            case LLVMOpcode.LLVMFRem:
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
                    _state.Adjoints.AddToAdjoint(a, d);
                    if (_state.IsActiveFloat(b))
                    {
                        LlvmValue quotient = _state.Emitter.Intrinsic("trunc", [_state.Builder.FDiv(_state.Availability.Materialize(a), _state.Availability.Materialize(b))]);
                        _state.Adjoints.AddToAdjoint(b, _state.Builder.FNeg(_state.Builder.FMul(d, quotient)));
                    }
                }
                break;
            case LLVMOpcode.LLVMFreeze:
                if (active)
                {
                    // freeze only pins poison to some value: the derivative passes through.
                    _state.Adjoints.AddToAdjoint(value.GetOperand(0), _state.Adjoints.TakeAdjoint(value));
                }
                break;
            case LLVMOpcode.LLVMFPExt or LLVMOpcode.LLVMFPTrunc:
                if (active)
                {
                    LlvmValue operand = value.GetOperand(0);
                    _state.Adjoints.AddToAdjoint(operand, _state.Builder.Cast(instruction.Opcode == LLVMOpcode.LLVMFPExt ? LLVMOpcode.LLVMFPTrunc : LLVMOpcode.LLVMFPExt, _state.Adjoints.TakeAdjoint(value), operand.Type));
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
                    _state.Adjoints.AddToAdjoint(operand, _state.Builder.Cast(LLVMOpcode.LLVMBitCast, _state.Adjoints.TakeAdjoint(value), operand.Type));
                }
                break;
            case LLVMOpcode.LLVMSelect:
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value), condition = _state.Availability.Materialize(value.GetOperand(0));
                    LlvmValue zero = LlvmValue.ConstNull(value.Type);
                    _state.Adjoints.AddToAdjoint(value.GetOperand(1), _state.Builder.Select(condition, d, zero));
                    _state.Adjoints.AddToAdjoint(value.GetOperand(2), _state.Builder.Select(condition, zero, d));
                }
                break;
            case LLVMOpcode.LLVMExtractValue:
                if (active)
                {
                    LlvmValue aggregate = value.GetOperand(0);
                    _state.Adjoints.AddToAdjoint(aggregate, InsertAt(LlvmValue.ConstNull(aggregate.Type), Indices(instruction), _state.Adjoints.TakeAdjoint(value)));
                }
                break;
            case LLVMOpcode.LLVMInsertValue:
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value), element = value.GetOperand(1);
                    uint[] indices = Indices(instruction);
                    _state.Adjoints.AddToAdjoint(element, ExtractAt(d, indices));
                    _state.Adjoints.AddToAdjoint(value.GetOperand(0), InsertAt(d, indices, LlvmValue.ConstNull(element.Type)));
                }
                break;
            case LLVMOpcode.LLVMExtractElement:
                if (active)
                {
                    LlvmValue vector = value.GetOperand(0);
                    _state.Adjoints.AddToAdjoint(vector, _state.Builder.InsertElement(LlvmValue.ConstNull(vector.Type), _state.Adjoints.TakeAdjoint(value), _state.Availability.Materialize(value.GetOperand(1))));
                }
                break;
            case LLVMOpcode.LLVMInsertElement:
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value), index = _state.Availability.Materialize(value.GetOperand(2));
                    _state.Adjoints.AddToAdjoint(value.GetOperand(1), _state.Builder.ExtractElement(d, index));
                    _state.Adjoints.AddToAdjoint(value.GetOperand(0), _state.Builder.InsertElement(d, LlvmValue.ConstNull(value.GetOperand(1).Type), index));
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
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value);
                    LlvmValue shadowPointer = _state.Availability.ReverseShadow(value.GetOperand(0));
                    uint alignment = LLVM.LLVMGetAlignment(instruction.Handle);
                    if (_state.Adjoints.NeedsAtomicAccumulation(value.GetOperand(0), value.Type))
                    {
                        _state.Adjoints.AccumulateAtomically(shadowPointer, d, alignment);
                    }
                    else
                    {
                        LlvmValue current = ReverseGradientState.Aligned(_state.Builder.Load(value.Type, shadowPointer), alignment);
                        ReverseGradientState.Aligned(_state.Builder.Store(_state.Adjoints.Add(current, d), shadowPointer), alignment);
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

    private void ReverseStore(LlvmInstruction store)
    {
        LlvmValue stored = store.Value.GetOperand(0), pointer = store.Value.GetOperand(1);
        if (!_state.HasShadow(pointer) || !TypeFacts.ContainsFloatingPoint(stored.Type))
        {
            return;
        }
        // adjoint(v) += *shadow(p); *shadow(p) = 0: the store overwrote whatever was there.
        // The shadow has the primal's layout, so the primal's (possibly small) alignment applies.
        LlvmValue shadowPointer = _state.Availability.ReverseShadow(pointer);
        uint alignment = LLVM.LLVMGetAlignment(store.Handle);
        if (_state.IsActiveFloat(stored))
        {
            _state.Adjoints.AddToAdjoint(stored, ReverseGradientState.Aligned(_state.Builder.Load(stored.Type, shadowPointer), alignment));
        }
        ReverseGradientState.Aligned(_state.Builder.Store(LlvmValue.ConstNull(stored.Type), shadowPointer), alignment);
    }

    private void ReverseShuffle(LlvmInstruction shuffle)
    {
        LlvmValue d = _state.Adjoints.TakeAdjoint(shuffle.Value);
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
        _state.Adjoints.AddToAdjoint(left, adjointLeft);
        _state.Adjoints.AddToAdjoint(right, adjointRight);
    }

    /// <summary>The adjoint of a call, by what the call is (<see cref="CallClassifier"/>); a split call's is its callee's reverse half.</summary>
    public void ReverseCall(LlvmInstruction call)
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
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value);
                    LlvmValue x = call.GetArgument(0);
                    bool isIntrinsic = call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind;
                    LlvmValue exponent = isIntrinsic ? _state.Builder.ExtractValue(_state.Availability.Materialize(value), 1) : _state.Availability.Materialize(_state.FrexpExponents[call.Handle]);
                    LlvmValue dm = isIntrinsic ? _state.Builder.ExtractValue(d, 0) : d;
                    LlvmValue negated = _state.Builder.BinaryOperation(LLVMOpcode.LLVMSub, LlvmValue.ConstNull(exponent.Type), exponent);
                    LlvmValue scale = _state.Emitter.Intrinsic("ldexp", [IrEmitter.Constant(x.Type, 1.0), negated], [x.Type, exponent.Type]);
                    _state.Adjoints.AddToAdjoint(x, _state.Builder.FMul(dm, scale));
                }
                break;
            case CallKind.Modf:
                if (call.ArgumentCount > 1 && _state.HasShadow(call.GetArgument(1)))
                {
                    _state.Builder.Store(LlvmValue.ConstNull(call.GetArgument(0).Type), _state.Availability.ReverseShadow(call.GetArgument(1)));
                }
                if (active)
                {
                    LlvmValue d = _state.Adjoints.TakeAdjoint(value);
                    _state.Adjoints.AddToAdjoint(call.GetArgument(0), call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind ? _state.Builder.ExtractValue(d, 0) : d);
                }
                break;
            case CallKind.MemoryTransfer:
                if (_state.HasShadow(call.GetArgument(0)))
                {
                    LlvmValue destination = _state.Availability.ReverseShadow(call.GetArgument(0));
                    LlvmValue length = _state.Availability.Materialize(call.GetArgument(2));
                    if (_state.HasShadow(call.GetArgument(1)))
                    {
                        bool mayOverlap = target.CalleeName.Contains("memmove", StringComparison.Ordinal);
                        LlvmFunction adjoint = RuntimeSupport.MemcpyAdjoint(_state.Generator.Module, HoldsSinglePrecision(call.GetArgument(0)), mayOverlap);
                        _state.Emitter.CallFunction(adjoint, destination, _state.Availability.ReverseShadow(call.GetArgument(1)), ToInt64(length));
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
                    _state.Builder.MemSet(_state.Availability.ReverseShadow(call.GetArgument(0)), LlvmValue.ConstInt(_state.Context.Int8Type, 0), _state.Availability.Materialize(call.GetArgument(2)));
                }
                break;
            case CallKind.Deallocation:
                if (_state.DeferredFreeCalls.Contains(call.Handle))
                {
                    _state.Sweep.RecordDeferredFree(call, target.Callee!.Value);
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

    private void ReverseMathRule(LlvmInstruction call, DerivativeRule rule)
    {
        LlvmValue d = _state.Adjoints.TakeAdjoint(call.Value);
        if (rule.IsPiecewiseConstant)
        {
            return;
        }
        var arguments = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument).ToArray();
        LlvmValue[] materialized = arguments.Select(_state.Availability.Materialize).ToArray();
        LlvmValue?[] partials = rule.Partials(new RuleContext(_state.Emitter, materialized, _state.Availability.Materialize(call.Value),
            (name, formulaArguments) => SiblingMathCall(call, arguments, materialized, name, formulaArguments)));
        for (int i = 0; i < Math.Min(arguments.Length, partials.Length); i++)
        {
            if (partials[i] is { } partial && _state.IsActiveFloat(arguments[i]) && TypeFacts.IsFloatingPointValue(arguments[i].Type))
            {
                _state.Adjoints.AddToAdjoint(arguments[i], _state.Builder.FMul(d, partial));
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
                return _state.Availability.Materialize(sibling.Value);
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
}
