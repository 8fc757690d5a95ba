using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Rules.Calls;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// Turns a clone of the primal into its forward derivative, in place: next to every shadowed
/// instruction it emits the tangent (for floating-point values), the shadow address (pointers)
/// or the mirrored bits (integers), visiting blocks in reverse post-order so operands' shadows
/// exist before their users'. What each instruction gets is its rule's tangent
/// (<see cref="InstructionRules"/>; library calls: <see cref="CallRules"/>); this class is the
/// rules' <see cref="ITangentContext"/> and handles calls of user functions and custom
/// derivatives. With a width of N every shadow is an array of N lanes.
/// </summary>
internal sealed class ForwardFunctionBuilder : ITangentContext
{
    private readonly ForwardModeGenerator _generator;
    private readonly LlvmFunction _function;
    private readonly LlvmFunction _primal;
    private readonly ForwardSignature _signature;
    private readonly ForwardActivityAnalysis _analysis;
    private readonly IReadOnlyList<(LlvmValue Primal, LlvmValue[] Lanes)> _shadowArguments;
    private readonly int _width;
    private readonly ShadowMap _shadows = new();
    private readonly List<(LlvmInstruction Primal, LlvmValue Tangent)> _phis = [];
    private readonly List<LlvmInstruction> _returns = [];
    private readonly List<LlvmInstruction> _erase = [];
    private readonly LlvmBuilder _builder;
    private readonly IrEmitter _emitter;

    public ForwardFunctionBuilder(ForwardModeGenerator generator, LlvmFunction function, LlvmFunction primal, ForwardSignature signature,
        ForwardActivityAnalysis analysis, IReadOnlyList<(LlvmValue Primal, LlvmValue[] Lanes)> shadowArguments)
    {
        _generator = generator;
        _function = function;
        _primal = primal;
        _signature = signature;
        _analysis = analysis;
        _shadowArguments = shadowArguments;
        _width = signature.Width;
        _builder = new LlvmBuilder(generator.Context);
        _emitter = new IrEmitter(generator.Context, generator.Module, _builder);
    }

    public void Build()
    {
        try
        {
            ReportImpossibleWrites();
            SeedArgumentShadows();
            foreach (LlvmBasicBlock block in ReversePostOrder.Compute(_function))
            {
                foreach (LlvmInstruction instruction in block.Instructions.ToList())
                {
                    Visit(instruction);
                }
            }
            CompletePhis();
            RewriteReturns();
            foreach (LlvmInstruction dead in _erase)
            {
                dead.EraseFromParent();
            }
        }
        finally
        {
            _builder.Dispose();
        }
    }

    // ---- Setup ----

    private void ReportImpossibleWrites()
    {
        foreach ((LlvmInstruction site, LlvmValue argument) in _analysis.ConstantWrites)
        {
            int index = _function.Parameters.ToList().FindIndex(p => p.Handle == argument.Handle);
            throw DifferentiationErrors.WriteToConstantMemory(_primal, site, ParameterDescription(index, argument));
        }
        foreach ((LlvmInstruction site, LlvmValue source) in _analysis.UntrackedPointers)
        {
            throw DifferentiationErrors.UntrackedPointer(_primal, site, source);
        }
    }

    private void SeedArgumentShadows()
    {
        LlvmBasicBlock entry = _function.EntryBlock;
        _builder.PositionBefore(entry.Instructions.First());
        foreach ((LlvmValue primal, LlvmValue[] lanes) in _shadowArguments)
        {
            _shadows.Record(primal, FromLanes(primal.Type, lanes));
        }
    }

    // ---- Lanes and shadows ----

    private LlvmType ShadowType(LlvmType type) => ForwardModeGenerator.ShadowType(type, _width);

    private LlvmValue Lane(LlvmValue shadow, int lane) => _width == 1 ? shadow : _builder.ExtractValue(shadow, lane);

    private LlvmValue FromLanes(LlvmType type, IReadOnlyList<LlvmValue> lanes)
    {
        if (_width == 1)
        {
            return lanes[0];
        }
        LlvmValue aggregate = LlvmValue.Poison(ShadowType(type));
        for (int k = 0; k < _width; k++)
        {
            aggregate = _builder.InsertValue(aggregate, lanes[k], k);
        }
        return aggregate;
    }

    private bool HasShadow(LlvmValue value) => _shadows.Contains(value) || _analysis.IsShadowed(value);

    /// <summary>True when the value carries a real derivative or shadow address (not mirrored integer bits).</summary>
    private bool HasDerivative(LlvmValue value) => HasShadow(value) && TypeFacts.CarriesDerivative(value.Type);

    /// <summary>The shadow of any value: recorded, a shadow global, or the inactive shadow (zero / mirror).</summary>
    private LlvmValue Shadow(LlvmValue value)
    {
        if (_shadows.TryGet(value, out LlvmValue shadow))
        {
            return shadow;
        }
        if ((value.IsGlobalVariable || value.IsConstantExpression) && _analysis.IsShadowed(value))
        {
            return FromLanes(value.Type, Enumerable.Range(0, _width)
                .Select(k => ShadowMap.ShadowOfConstant(value, k, _builder, _generator.ShadowGlobal, (operand, lane) => Lane(Shadow(operand), lane)))
                .ToArray());
        }
        return InactiveShadow(value);
    }

    private LlvmValue InactiveShadow(LlvmValue value)
    {
        LlvmValue lane = InactiveLane(value);
        return _width == 1 ? lane : FromLanes(value.Type, Enumerable.Repeat(lane, _width).ToArray());
    }

    /// <summary>Zero for floating-point content, the primal itself for addresses and integers.</summary>
    private LlvmValue InactiveLane(LlvmValue value)
    {
        LlvmType type = value.Type;
        if (TypeFacts.IsFloatingPointValue(type) || !TypeFacts.ContainsPointerOrInteger(type))
        {
            return LlvmValue.ConstNull(type);
        }
        if (!TypeFacts.ContainsFloatingPoint(type))
        {
            return value;
        }
        // A mixed aggregate: keep addresses and integers, zero the floating-point fields.
        int count = type.Kind == LLVMTypeKind.LLVMStructTypeKind ? type.StructElementCount : (int)type.ArrayLength;
        LlvmValue result = value;
        for (int i = 0; i < count; i++)
        {
            LlvmValue element = _builder.ExtractValue(value, i);
            result = _builder.InsertValue(result, InactiveLane(element), i);
        }
        return result;
    }

    private LlvmValue Zero(LlvmType primalType) => LlvmValue.ConstNull(ShadowType(primalType));

    private void Record(LlvmInstruction primal, LlvmValue shadow) => _shadows.Record(primal.Value, shadow);

    // ---- Positioning ----

    private void PositionAfter(LlvmInstruction instruction)
    {
        if (instruction.Opcode == LLVMOpcode.LLVMPHI)
        {
            _builder.PositionBefore(FirstNonPhi(instruction.Parent));
            return;
        }
        _builder.PositionBefore(instruction.Next ?? throw new InvalidOperationException("no instruction after a terminator"));
    }

    private static LlvmInstruction FirstNonPhi(LlvmBasicBlock block) =>
        block.Instructions.First(i => i.Opcode != LLVMOpcode.LLVMPHI);

    // ---- Visiting ----

    private void Visit(LlvmInstruction instruction) => InstructionRules.For(instruction).EmitTangent(this, instruction);

    // ---- The rules' view (ITangentContext) ----

    LlvmBuilder ITangentContext.Builder => _builder;

    IrEmitter ITangentContext.Emitter => _emitter;

    int ITangentContext.Width => _width;

    bool ITangentContext.IsShadowed(LlvmValue value) => _analysis.IsShadowed(value);

    bool ITangentContext.HasShadow(LlvmValue value) => HasShadow(value);

    LlvmValue ITangentContext.Shadow(LlvmValue value) => Shadow(value);

    LlvmValue ITangentContext.Lane(LlvmValue shadow, int lane) => Lane(shadow, lane);

    LlvmValue ITangentContext.ZeroShadow(LlvmType primalType) => Zero(primalType);

    LlvmValue ITangentContext.FromLanes(LlvmType primalType, IReadOnlyList<LlvmValue> lanes) => FromLanes(primalType, lanes);

    void ITangentContext.Record(LlvmInstruction primal, LlvmValue shadow) => Record(primal, shadow);

    void ITangentContext.PositionAfter(LlvmInstruction instruction) => PositionAfter(instruction);

    void ITangentContext.CloneWithShadows(LlvmInstruction instruction, params int[] shadowOperands) => CloneWithShadows(instruction, shadowOperands);

    void ITangentContext.CreateShadowPhi(LlvmInstruction phi)
    {
        _builder.PositionBeforeDebugRecords(FirstNonPhi(phi.Parent));
        LlvmValue tangent = _builder.Phi(ShadowType(phi.Type), phi.Value.Name + "'");
        Record(phi, tangent);
        _phis.Add((phi, tangent));
    }

    bool ITangentContext.IsShadowAllocation(LlvmInstruction allocation) => _analysis.ShadowAllocations.Contains(allocation.Handle);

    void ITangentContext.CreateShadowAllocation(LlvmInstruction allocation)
    {
        PositionAfter(allocation);
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            lanes[k] = ShadowAllocation.Emit(_emitter, allocation);
        }
        Record(allocation, FromLanes(allocation.Type, lanes));
    }

    void ITangentContext.VisitCall(LlvmInstruction call) => VisitCall(call);

    void ITangentContext.CollectReturn(LlvmInstruction ret) => _returns.Add(ret);

    bool ITangentContext.IsGpuTarget => _generator.Module.TargetTriple.StartsWith("nvptx", StringComparison.Ordinal)
        || _generator.Module.TargetTriple.StartsWith("amdgcn", StringComparison.Ordinal);

    string ITangentContext.PrimalName => _primal.Name;

    EnzymeException ITangentContext.Unsupported(LlvmInstruction at) => Error(at, DiagnosticCodes.UnsupportedInstruction,
        $"'{_primal.Name}' contains a '{OpcodeName(at.Opcode)}' instruction on active values, which forward mode does not handle yet; move it into a function marked __enzyme_inactivefn or give that function a custom derivative");

    /// <summary>
    /// The tangent of a linear instruction is the instruction applied to the operands' shadows:
    /// clone it once per lane with the listed operands replaced.
    /// </summary>
    private void CloneWithShadows(LlvmInstruction instruction, params int[] shadowOperands)
    {
        PositionAfter(instruction);
        LlvmValue[] operandShadows = shadowOperands.Select(i => Shadow(instruction.Value.GetOperand(i))).ToArray();
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            LlvmValue[] laneOperands = operandShadows.Select(s => Lane(s, k)).ToArray();
            LlvmValue clone = instruction.CloneDetached().Value;
            for (int j = 0; j < shadowOperands.Length; j++)
            {
                clone.SetOperand(shadowOperands[j], laneOperands[j]);
            }
            _builder.Insert(clone, instruction.Value.Name + "'");
            lanes[k] = clone;
        }
        if (!instruction.Type.IsVoid)
        {
            Record(instruction, FromLanes(instruction.Type, lanes));
        }
    }

    // ---- Calls ----

    private void VisitCall(LlvmInstruction call)
    {
        if (DifferentiationErrors.IsReturnsTwice(call))
        {
            throw DifferentiationErrors.ReturnsTwice(_primal, call);
        }
        CallTarget target = _generator.Classifier.Classify(call);
        LlvmValue value = call.Value;
        bool shadowed = _analysis.IsShadowed(value);
        bool anyArgumentActive = Enumerable.Range(0, call.ArgumentCount).Any(i => HasDerivative(call.GetArgument(i)));
        switch (target.Kind)
        {
            case CallKind.IgnoredIntrinsic or CallKind.Inactive:
                break;
            case CallKind.LibraryRule:
                target.LibraryRule!.EmitTangent(this, call);
                break;
            case CallKind.CustomForwardRule:
                if (anyArgumentActive)
                {
                    EmitCustomDerivativeCall(call, target);
                }
                break;
            case CallKind.UserFunction:
                if (anyArgumentActive || shadowed || _analysis.NeedsDerivative(call))
                {
                    EmitDerivativeCall(call, target.Callee!.Value);
                }
                break;
            case CallKind.UnknownExternal or CallKind.OtherIntrinsic:
                if (anyArgumentActive)
                {
                    throw DifferentiationErrors.UnknownFunction(_primal, call, target, forward: true);
                }
                break;
            case CallKind.Indirect:
                if (anyArgumentActive || shadowed || _analysis.NeedsDerivative(call))
                {
                    EmitDerivativeCall(call, null);
                }
                break;
            case CallKind.InlineAssembly:
                if (anyArgumentActive || shadowed)
                {
                    throw DifferentiationErrors.InlineAssembly(_primal, call);
                }
                break;
            case CallKind.ParallelFork:
                if (anyArgumentActive || _analysis.NeedsDerivative(call))
                {
                    EmitParallelForkDerivative(call);
                }
                break;
        }
    }

    /// <summary>
    /// The tangent of a parallel region is the region's tangent run in parallel: a fork of the microtask's
    /// forward derivative, each shared (captured) pointer followed by its shadow lanes. Tangents need no
    /// atomics: each thread writes the shadows of what its primal writes.
    /// </summary>
    private void EmitParallelForkDerivative(LlvmInstruction call)
    {
        LlvmFunction microtask = OpenMpRuntime.Microtask(call) ?? throw OpenMpErrors.UnknownMicrotask(_primal, call);
        int first = OpenMpRuntime.FirstCapturedArgument;
        int captured = call.ArgumentCount - first;
        if (microtask.ParameterCount != captured + OpenMpRuntime.MicrotaskThreadParameters)
        {
            throw OpenMpErrors.UnknownMicrotask(_primal, call);
        }
        var shadowedParameters = new bool[microtask.ParameterCount];
        for (int i = 0; i < captured; i++)
        {
            LlvmValue argument = call.GetArgument(first + i);
            // A shadowed scalar is a float, or an integer carrying a float's bits (clang passes firstprivate doubles as i64).
            if (!argument.Type.IsPointer && HasShadow(argument))
            {
                throw OpenMpErrors.ActiveCapturedValue(_primal, call, i);
            }
            shadowedParameters[OpenMpRuntime.MicrotaskThreadParameters + i] = (HasDerivative(argument) || IsNullPointer(argument))
                && !OpenMpRuntime.HoldsOnlyInactivePointers(argument, HasShadow);
        }
        LlvmFunction derivative = _generator.GetOrCreate(new ForwardSignature(microtask, shadowedParameters, _width, ForwardReturn.Void));

        _builder.PositionBefore(call);
        var captures = new List<LlvmValue>();
        for (int i = 0; i < captured; i++)
        {
            LlvmValue argument = call.GetArgument(first + i);
            captures.Add(argument);
            if (!shadowedParameters[OpenMpRuntime.MicrotaskThreadParameters + i])
            {
                continue;
            }
            LlvmValue shadow = HasDerivative(argument) ? Shadow(argument) : argument;
            for (int k = 0; k < _width; k++)
            {
                captures.Add(HasDerivative(argument) ? Lane(shadow, k) : argument);
            }
        }
        LlvmFunction fork = call.CalledValue.AsFunction()!.Value;
        LlvmValue result = _builder.Call(fork.FunctionType, fork,
            [call.GetArgument(0), LlvmValue.ConstInt(_generator.Context.Int32Type, captures.Count), derivative, .. captures]);
        CopyDebugLocation(call, result);
        _erase.Add(call);
    }

    private static bool IsNullPointer(LlvmValue value) => value.IsNullPointerConstant;

    /// <summary>
    /// Calls the forward derivative of a user function and takes primal and tangent from it; for a call
    /// through a pointer (<paramref name="callee"/> null), the dispatcher that picks the derivative of the
    /// function the pointer holds, given that pointer first (<see cref="IndirectCallDispatch"/>).
    /// </summary>
    private void EmitDerivativeCall(LlvmInstruction call, LlvmFunction? callee)
    {
        var shadowedParameters = new bool[call.ArgumentCount];
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            // A null pointer's shadow is null. Passing it keeps one derivative for calls that differ only in a
            // null argument: after full unrolling, `root = insert(root, …)` starts with insert(NULL, …), and a
            // derivative without root's shadow could not write the shadow tree through it in later calls.
            shadowedParameters[i] = HasDerivative(call.GetArgument(i)) || IsNullPointer(call.GetArgument(i));
        }
        bool wantsTangent = _analysis.IsShadowed(call.Value) && !call.Type.IsVoid;
        ForwardReturn kind = call.Type.IsVoid ? ForwardReturn.Void : wantsTangent ? ForwardReturn.PrimalAndTangent : ForwardReturn.PrimalOnly;
        LlvmFunction derivative = callee is { } direct
            ? _generator.GetOrCreate(new ForwardSignature(direct, shadowedParameters, _width, kind))
            : _generator.GetOrCreateDispatcher(call, _primal, shadowedParameters, _width, kind);

        _builder.PositionBefore(call);
        var arguments = new List<LlvmValue>();
        if (callee is null)
        {
            arguments.Add(call.CalledValue);
        }
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            arguments.Add(argument);
            if (shadowedParameters[i] && !HasDerivative(argument))
            {
                arguments.AddRange(Enumerable.Repeat(argument, _width));
            }
            else if (shadowedParameters[i])
            {
                LlvmValue shadow = Shadow(argument);
                for (int k = 0; k < _width; k++)
                {
                    arguments.Add(Lane(shadow, k));
                }
            }
        }
        LlvmValue result = _builder.Call(derivative.FunctionType, derivative, [.. arguments]);
        CopyDebugLocation(call, result);
        ReplaceCall(call, kind == ForwardReturn.PrimalAndTangent ? _builder.ExtractValue(result, 0) : result,
            kind == ForwardReturn.PrimalAndTangent ? _builder.ExtractValue(result, 1) : null);
    }

    /// <summary>
    /// A registered forward derivative takes each floating-point or pointer argument followed by
    /// its shadow, and returns <c>{primal, tangent}</c>, the tangent alone, or nothing.
    /// </summary>
    private void EmitCustomDerivativeCall(LlvmInstruction call, CallTarget target)
    {
        LlvmFunction custom = target.CustomDerivative!.Value;
        var layout = new List<(LlvmValue Argument, bool IsShadow)>();
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            layout.Add((argument, false));
            if (TypeFacts.CarriesDerivative(argument.Type))
            {
                layout.Add((argument, true));
            }
        }
        LlvmType returnType = custom.ReturnType;
        bool returnsPair = !call.Type.IsVoid && returnType.Kind == LLVMTypeKind.LLVMStructTypeKind && returnType.StructElementCount == 2;
        bool returnsTangent = !call.Type.IsVoid && returnType.Handle == call.Type.Handle;
        if (custom.ParameterCount != layout.Count || (!call.Type.IsVoid && !returnsPair && !returnsTangent))
        {
            throw Error(call, DiagnosticCodes.InvalidCustomRule,
                $"the custom derivative '{custom.Name}' registered for '{target.CalleeName}' must take {layout.Count} parameters (each floating-point or pointer argument followed by its shadow) " +
                $"and return {(call.Type.IsVoid ? "void" : "{primal, tangent} or the tangent")}");
        }
        _builder.PositionBefore(call);
        var lanes = new LlvmValue[_width];
        LlvmValue? primal = null;
        for (int k = 0; k < _width; k++)
        {
            var arguments = layout.Select(entry => !entry.IsShadow ? entry.Argument
                : HasShadow(entry.Argument) ? Lane(Shadow(entry.Argument), k)
                : LlvmValue.ConstNull(entry.Argument.Type)).ToArray();
            LlvmValue result = _builder.Call(custom.FunctionType, custom, arguments);
            CopyDebugLocation(call, result);
            if (returnsPair)
            {
                primal ??= _builder.ExtractValue(result, 0);
                lanes[k] = _builder.ExtractValue(result, 1);
            }
            else
            {
                lanes[k] = result;
            }
        }
        if (call.Type.IsVoid)
        {
            // The custom function computes the primal's effects itself.
            _erase.Add(call);
        }
        else if (returnsPair)
        {
            ReplaceCall(call, primal!.Value, FromLanes(call.Type, lanes));
        }
        else
        {
            Record(call, FromLanes(call.Type, lanes));
        }
    }

    /// <summary>Replaces a primal call by a derivative call's primal result and records its tangent.</summary>
    private void ReplaceCall(LlvmInstruction call, LlvmValue primal, LlvmValue? tangent)
    {
        if (tangent is { } t)
        {
            Record(call, t);
            _shadows.Record(primal, t);
            _analysis.MarkShadowed(primal);
        }
        if (!call.Type.IsVoid)
        {
            call.Value.ReplaceAllUsesWith(primal);
        }
        _erase.Add(call);
    }

    private static void CopyDebugLocation(LlvmInstruction from, LlvmValue to) =>
        to.CopyDebugLocationFrom(from);

    // ---- Completion ----

    private void CompletePhis()
    {
        foreach ((LlvmInstruction primal, LlvmValue tangent) in _phis)
        {
            foreach ((LlvmValue incoming, LlvmBasicBlock block) in primal.Incoming.ToList())
            {
                _builder.PositionBefore(block.Terminator!.Value);
                LlvmBuilder.AddIncoming(tangent, Shadow(incoming), block);
            }
        }
    }

    private void RewriteReturns()
    {
        foreach (LlvmInstruction ret in _returns)
        {
            _builder.PositionBefore(ret);
            LlvmValue? value = ret.Value.OperandCount > 0 ? ret.Value.GetOperand(0) : null;
            switch (_signature.Return)
            {
                case ForwardReturn.Void:
                    _builder.ReturnVoid();
                    break;
                case ForwardReturn.PrimalOnly:
                    _builder.Return(value!.Value);
                    break;
                case ForwardReturn.TangentOnly:
                    _builder.Return(Shadow(value!.Value));
                    break;
                default:
                    LlvmType pair = _function.ReturnType;
                    LlvmValue both = _builder.InsertValue(LlvmValue.Poison(pair), value!.Value, 0);
                    _builder.Return(_builder.InsertValue(both, Shadow(value.Value), 1));
                    break;
            }
            _erase.Add(ret);
        }
    }

    /// <summary>"parameter 2 ('out')" in terms of the primal's parameters (derivatives interleave shadows).</summary>
    private string ParameterDescription(int derivativeIndex, LlvmValue argument)
    {
        if (derivativeIndex < 0)
        {
            return "a constant argument";
        }
        int primalIndex = 0;
        for (int i = 0, seen = 0; i < _signature.ShadowedParameters.Count; i++)
        {
            if (seen == derivativeIndex)
            {
                primalIndex = i;
                break;
            }
            seen += 1 + (_signature.ShadowedParameters[i] ? _width : 0);
        }
        string name = _primal.GetParameter(primalIndex).Name;
        return name.Length > 0 ? $"parameter {primalIndex + 1} ('{name}')" : $"parameter {primalIndex + 1}";
    }

    private EnzymeException Error(LlvmInstruction at, string code, string message) =>
        new(code, message, at.DebugLocation);

    private static string OpcodeName(LLVMOpcode opcode) => opcode.ToString().Replace("LLVM", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
