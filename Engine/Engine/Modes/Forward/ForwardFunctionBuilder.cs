using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Engine.Rules;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Modes.Forward;

/// <summary>
/// Turns a clone of the primal into its forward derivative, in place: next to every shadowed
/// instruction it emits the tangent (for floating-point values), the shadow address (pointers)
/// or the mirrored bits (integers), visiting blocks in reverse post-order so operands' shadows
/// exist before their users'. Linear instructions (fadd, casts, GEPs, loads, stores, vector and
/// aggregate shuffles) are cloned with their operands swapped for shadows; fmul, fdiv, math
/// calls and calls to user functions get their own rules. With a width of N every shadow is an
/// array of N lanes.
/// </summary>
internal sealed unsafe class ForwardFunctionBuilder
{
    private readonly ForwardModeGenerator _generator;
    private readonly LlvmFunction _function;
    private readonly LlvmFunction _primal;
    private readonly ForwardSignature _signature;
    private readonly ForwardActivityAnalysis _analysis;
    private readonly IReadOnlyList<(LlvmValue Primal, LlvmValue[] Lanes)> _shadowArguments;
    private readonly int _width;
    private readonly Dictionary<LLVMValueRef, LlvmValue> _shadows = [];
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
            _shadows[primal.Handle] = FromLanes(primal.Type, lanes);
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

    private bool HasShadow(LlvmValue value) => _shadows.ContainsKey(value.Handle) || _analysis.IsShadowed(value);

    /// <summary>True when the value carries a real derivative or shadow address (not mirrored integer bits).</summary>
    private bool HasDerivative(LlvmValue value) => HasShadow(value) && TypeFacts.CarriesDerivative(value.Type);

    /// <summary>The shadow of any value: recorded, a shadow global, or the inactive shadow (zero / mirror).</summary>
    private LlvmValue Shadow(LlvmValue value)
    {
        if (_shadows.TryGetValue(value.Handle, out LlvmValue shadow))
        {
            return shadow;
        }
        if (value.IsGlobalVariable && _analysis.IsShadowed(value))
        {
            return FromLanes(value.Type, Enumerable.Range(0, _width).Select(k => _generator.ShadowGlobal(value, k)).ToArray());
        }
        if (value.IsConstantExpression && _analysis.IsShadowed(value))
        {
            return FromLanes(value.Type, Enumerable.Range(0, _width).Select(k => RebuildConstantExpression(value, k)).ToArray());
        }
        return InactiveShadow(value);
    }

    private LlvmValue RebuildConstantExpression(LlvmValue expression, int lane)
    {
        LlvmValue baseShadow = Lane(Shadow(expression.GetOperand(0)), lane);
        LLVMOpcode opcode = LLVM.LLVMGetConstOpcode(expression.Handle);
        if (opcode == LLVMOpcode.LLVMGetElementPtr)
        {
            var indices = new LlvmValue[expression.OperandCount - 1];
            for (int i = 1; i < expression.OperandCount; i++)
            {
                indices[i - 1] = expression.GetOperand(i);
            }
            return _builder.Gep(new LlvmType(LLVM.LLVMGetGEPSourceElementType(expression.Handle)), baseShadow, indices);
        }
        return _builder.Cast(opcode, baseShadow, expression.Type);
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

    private void Record(LlvmInstruction primal, LlvmValue shadow) => _shadows[primal.Handle] = shadow;

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

    private void Visit(LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        bool shadowed = _analysis.IsShadowed(value);
        switch (instruction.Opcode)
        {
            case LLVMOpcode.LLVMFAdd or LLVMOpcode.LLVMFSub or LLVMOpcode.LLVMAdd or LLVMOpcode.LLVMSub or LLVMOpcode.LLVMMul
                or LLVMOpcode.LLVMShl or LLVMOpcode.LLVMLShr or LLVMOpcode.LLVMAShr or LLVMOpcode.LLVMAnd or LLVMOpcode.LLVMOr
                or LLVMOpcode.LLVMXor or LLVMOpcode.LLVMInsertValue or LLVMOpcode.LLVMInsertElement or LLVMOpcode.LLVMShuffleVector:
                if (shadowed)
                {
                    CloneWithShadows(instruction, 0, 1);
                }
                break;
            case LLVMOpcode.LLVMFNeg or LLVMOpcode.LLVMFPExt or LLVMOpcode.LLVMFPTrunc or LLVMOpcode.LLVMBitCast
                or LLVMOpcode.LLVMAddrSpaceCast or LLVMOpcode.LLVMPtrToInt or LLVMOpcode.LLVMIntToPtr or LLVMOpcode.LLVMTrunc
                or LLVMOpcode.LLVMZExt or LLVMOpcode.LLVMSExt or LLVMOpcode.LLVMFreeze or LLVMOpcode.LLVMExtractValue
                or LLVMOpcode.LLVMExtractElement or LLVMOpcode.LLVMGetElementPtr or LLVMOpcode.LLVMLoad:
                if (shadowed)
                {
                    CloneWithShadows(instruction, 0);
                }
                break;
            case LLVMOpcode.LLVMSelect:
                if (shadowed)
                {
                    CloneWithShadows(instruction, 1, 2);
                }
                break;
            case LLVMOpcode.LLVMFMul or LLVMOpcode.LLVMFDiv or LLVMOpcode.LLVMFRem:
                if (shadowed)
                {
                    EmitProductRule(instruction);
                }
                break;
            case LLVMOpcode.LLVMPHI:
                if (shadowed)
                {
                    _builder.PositionBeforeDebugRecords(FirstNonPhi(instruction.Parent));
                    LlvmValue phi = _builder.Phi(ShadowType(instruction.Type), value.Name + "'");
                    Record(instruction, phi);
                    _phis.Add((instruction, phi));
                }
                break;
            case LLVMOpcode.LLVMAlloca:
                if (_analysis.ShadowAllocations.Contains(instruction.Handle))
                {
                    EmitShadowAlloca(instruction);
                }
                break;
            case LLVMOpcode.LLVMStore:
                if (HasShadow(value.GetOperand(1)))
                {
                    CloneWithShadows(instruction, 0, 1);
                }
                break;
            case LLVMOpcode.LLVMAtomicRMW:
                if (HasShadow(value.GetOperand(0)))
                {
                    CloneWithShadows(instruction, 0, 1);
                }
                break;
            case LLVMOpcode.LLVMCall:
                VisitCall(instruction);
                break;
            case LLVMOpcode.LLVMRet:
                _returns.Add(instruction);
                break;
            case LLVMOpcode.LLVMBr or LLVMOpcode.LLVMSwitch or LLVMOpcode.LLVMUnreachable or LLVMOpcode.LLVMICmp or LLVMOpcode.LLVMFCmp
                or LLVMOpcode.LLVMSIToFP or LLVMOpcode.LLVMUIToFP or LLVMOpcode.LLVMFPToSI or LLVMOpcode.LLVMFPToUI
                or LLVMOpcode.LLVMUDiv or LLVMOpcode.LLVMSDiv or LLVMOpcode.LLVMURem or LLVMOpcode.LLVMSRem or LLVMOpcode.LLVMFence:
                break;
            default:
                if (shadowed || Enumerable.Range(0, value.OperandCount).Any(i => HasDerivative(value.GetOperand(i))))
                {
                    throw Error(instruction, DiagnosticCodes.UnsupportedInstruction,
                        $"'{_primal.Name}' contains a '{OpcodeName(instruction.Opcode)}' instruction on active values, which forward mode does not handle yet; move it into a function marked __enzyme_inactivefn or give that function a custom derivative");
                }
                break;
        }
    }

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
            var clone = new LlvmValue(LLVM.LLVMInstructionClone(instruction.Handle));
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

    private void EmitProductRule(LlvmInstruction instruction)
    {
        PositionAfter(instruction);
        LlvmValue a = instruction.Value.GetOperand(0), b = instruction.Value.GetOperand(1), result = instruction.Value;
        bool da = HasShadow(a), db = HasShadow(b);
        LlvmValue shadowA = Shadow(a), shadowB = Shadow(b);
        LlvmValue? quotient = instruction.Opcode == LLVMOpcode.LLVMFRem && db ? _emitter.Intrinsic("trunc", [_builder.FDiv(a, b)]) : null;
        // Vector mode divides every lane by the same b: one reciprocal, then a multiplication per
        // lane (divisions cost several multiplications, and LLVM may not form 1/b without fast-math).
        LlvmValue? reciprocal = instruction.Opcode == LLVMOpcode.LLVMFDiv && _width > 1 ? _builder.FDiv(IrEmitter.Constant(b.Type, 1.0), b) : null;
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            LlvmValue laneA = Lane(shadowA, k), laneB = Lane(shadowB, k);
            lanes[k] = instruction.Opcode switch
            {
                // d(ab) = da·b + a·db
                LLVMOpcode.LLVMFMul => Sum(da ? _builder.FMul(laneA, b) : null, db ? _builder.FMul(a, laneB) : null, instruction.Type),
                // d(a/b) = (da - (a/b)·db) / b
                LLVMOpcode.LLVMFDiv => DivideBy(
                    da && db ? _builder.FSub(laneA, _builder.FMul(result, laneB))
                    : da ? laneA : _builder.FNeg(_builder.FMul(result, laneB)), b, reciprocal),
                // frem(a, b) = a - b·trunc(a/b)
                _ => Sum(da ? laneA : null, db ? _builder.FNeg(_builder.FMul(laneB, quotient!.Value)) : null, instruction.Type),
            };
        }
        Record(instruction, FromLanes(instruction.Type, lanes));
    }

    private LlvmValue DivideBy(LlvmValue numerator, LlvmValue b, LlvmValue? reciprocal) =>
        reciprocal is { } r ? _builder.FMul(numerator, r) : _builder.FDiv(numerator, b);

    private LlvmValue Sum(LlvmValue? first, LlvmValue? second, LlvmType type) =>
        first is { } f ? (second is { } s ? _builder.FAdd(f, s) : f) : second ?? LlvmValue.ConstNull(type);

    private void EmitShadowAlloca(LlvmInstruction alloca)
    {
        PositionAfter(alloca);
        LlvmType allocated = new(LLVM.LLVMGetAllocatedType(alloca.Handle));
        LlvmValue count = alloca.Value.GetOperand(0);
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            var shadow = new LlvmValue(LLVM.LLVMInstructionClone(alloca.Handle));
            _builder.Insert(shadow, alloca.Value.Name + "'");
            if (count.ConstantIntValue == 1)
            {
                _builder.Store(LlvmValue.ConstNull(allocated), shadow);
            }
            else
            {
                LlvmValue bytes = _builder.Mul(new LlvmValue(LLVM.LLVMSizeOf(allocated.Handle)),
                    _builder.Cast(LLVMOpcode.LLVMZExt, count, _generator.Context.Int64Type));
                _builder.MemSet(shadow, LlvmValue.ConstInt(_generator.Context.Int8Type, 0), bytes);
            }
            lanes[k] = shadow;
        }
        Record(alloca, FromLanes(alloca.Type, lanes));
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
            case CallKind.MemoryTransfer:
                if (HasShadow(call.GetArgument(0)))
                {
                    if (_analysis.IsShadowed(call.GetArgument(1)))
                    {
                        CloneWithShadows(call, 0, 1);
                    }
                    else
                    {
                        // Copying inactive bytes makes the destination's derivative zero.
                        PositionAfter(call);
                        LlvmValue destination = Shadow(call.GetArgument(0));
                        LlvmValue length = call.GetArgument(2);
                        for (int k = 0; k < _width; k++)
                        {
                            _builder.MemSet(Lane(destination, k), LlvmValue.ConstInt(_generator.Context.Int8Type, 0), length);
                        }
                    }
                }
                break;
            case CallKind.MemorySet:
                if (HasShadow(call.GetArgument(0)))
                {
                    PositionAfter(call);
                    LlvmValue destination = Shadow(call.GetArgument(0));
                    for (int k = 0; k < _width; k++)
                    {
                        var clone = new LlvmValue(LLVM.LLVMInstructionClone(call.Handle));
                        clone.SetOperand(0, Lane(destination, k));
                        clone.SetOperand(1, LlvmValue.ConstNull(call.GetArgument(1).Type));
                        _builder.Insert(clone);
                    }
                }
                break;
            case CallKind.Allocation:
                if (_analysis.ShadowAllocations.Contains(call.Handle))
                {
                    EmitShadowAllocation(call, target);
                }
                break;
            case CallKind.Reallocation:
                if (shadowed)
                {
                    EmitShadowReallocation(call);
                }
                break;
            case CallKind.Deallocation:
                if (_analysis.IsShadowed(call.GetArgument(0)))
                {
                    CloneWithShadows(call, 0);
                }
                break;
            case CallKind.MathRule:
                if (shadowed)
                {
                    EmitMathRule(call, target.Rule!);
                }
                break;
            case CallKind.Frexp:
                if (shadowed)
                {
                    EmitFrexp(call);
                }
                break;
            case CallKind.Modf:
                if (shadowed || (call.ArgumentCount > 1 && HasShadow(call.GetArgument(1))))
                {
                    EmitModf(call, shadowed);
                }
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
                if (anyArgumentActive)
                {
                    throw DifferentiationErrors.IndirectCall(_primal, call);
                }
                break;
            case CallKind.InlineAssembly:
                if (anyArgumentActive || shadowed)
                {
                    throw DifferentiationErrors.InlineAssembly(_primal, call);
                }
                break;
        }
    }

    private void EmitMathRule(LlvmInstruction call, DerivativeRule rule)
    {
        PositionAfter(call);
        if (rule.IsPiecewiseConstant)
        {
            Record(call, Zero(call.Type));
            return;
        }
        LlvmValue[] arguments = Enumerable.Range(0, call.ArgumentCount).Select(call.GetArgument).ToArray();
        LlvmValue?[] partials = rule.Partials(new RuleContext(_emitter, arguments, call.Value));
        var active = Enumerable.Range(0, Math.Min(arguments.Length, partials.Length))
            .Where(i => partials[i] is not null && HasShadow(arguments[i]) && TypeFacts.IsFloatingPointValue(arguments[i].Type))
            .Select(i => (Partial: partials[i]!.Value, Shadow: Shadow(arguments[i])))
            .ToList();
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            LlvmValue? sum = null;
            foreach ((LlvmValue partial, LlvmValue shadow) in active)
            {
                LlvmValue term = _builder.FMul(partial, Lane(shadow, k));
                sum = sum is null ? term : _builder.FAdd(sum.Value, term);
            }
            lanes[k] = sum ?? LlvmValue.ConstNull(call.Type);
        }
        Record(call, FromLanes(call.Type, lanes));
    }

    /// <summary>m = frexp(x, &amp;e) = x·2^-e: dm = dx·2^-e (e is piecewise constant).</summary>
    private void EmitFrexp(LlvmInstruction call)
    {
        PositionAfter(call);
        LlvmValue x = call.GetArgument(0);
        bool isIntrinsic = call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind;
        LlvmValue exponent = isIntrinsic
            ? _builder.ExtractValue(call.Value, 1)
            : _builder.Load(_generator.Context.Int32Type, call.GetArgument(1));
        LlvmValue negated = _builder.BinaryOperation(LLVMOpcode.LLVMSub, LlvmValue.ConstNull(exponent.Type), exponent);
        LlvmValue scale = _emitter.Intrinsic("ldexp", [IrEmitter.Constant(x.Type, 1.0), negated], [x.Type, exponent.Type]);
        LlvmValue shadowX = Shadow(x);
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            LlvmValue dm = _builder.FMul(Lane(shadowX, k), scale);
            lanes[k] = isIntrinsic ? _builder.InsertValue(_builder.InsertValue(LlvmValue.Poison(call.Type), dm, 0), exponent, 1) : dm;
        }
        Record(call, FromLanes(call.Type, lanes));
    }

    /// <summary>
    /// f = modf(x, &amp;i): df = dx, and the integral part has derivative 0 — written through the
    /// pointer (C), or the second field of the intrinsic's <c>{fraction, integral}</c> result.
    /// </summary>
    private void EmitModf(LlvmInstruction call, bool shadowed)
    {
        PositionAfter(call);
        LlvmValue x = call.GetArgument(0);
        if (call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind)
        {
            LlvmValue shadowX = Shadow(x);
            var lanes = new LlvmValue[_width];
            for (int k = 0; k < _width; k++)
            {
                lanes[k] = _builder.InsertValue(_builder.InsertValue(LlvmValue.Poison(call.Type), Lane(shadowX, k), 0), LlvmValue.ConstNull(x.Type), 1);
            }
            Record(call, FromLanes(call.Type, lanes));
            return;
        }
        LlvmValue integral = call.GetArgument(1);
        if (shadowed)
        {
            Record(call, Shadow(x));
        }
        if (HasShadow(integral))
        {
            LlvmValue shadowPointer = Shadow(integral);
            for (int k = 0; k < _width; k++)
            {
                _builder.Store(LlvmValue.ConstNull(x.Type), Lane(shadowPointer, k));
            }
        }
    }

    private void EmitShadowAllocation(LlvmInstruction call, CallTarget target)
    {
        PositionAfter(call);
        string name = target.CalleeName;
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            if (name == "malloc")
            {
                // calloc gives zeroed shadow memory without a separate memset pass.
                LlvmType i64 = _generator.Context.Int64Type;
                LlvmFunction calloc = _emitter.DeclareFunction("calloc", LlvmType.Function(_generator.Context.PointerType(), [i64, i64]));
                lanes[k] = _emitter.CallFunction(calloc, call.GetArgument(0), LlvmValue.ConstInt(i64, 1));
            }
            else
            {
                var clone = new LlvmValue(LLVM.LLVMInstructionClone(call.Handle));
                _builder.Insert(clone, call.Value.Name + "'");
                if (name != "calloc")
                {
                    LlvmValue size = name == "aligned_alloc" ? call.GetArgument(1) : call.GetArgument(0);
                    _builder.MemSet(clone, LlvmValue.ConstInt(_generator.Context.Int8Type, 0), size);
                }
                lanes[k] = clone;
            }
        }
        Record(call, FromLanes(call.Type, lanes));
    }

    private void EmitShadowReallocation(LlvmInstruction call)
    {
        PositionAfter(call);
        LlvmValue old = call.GetArgument(0);
        bool oldHasShadow = _analysis.IsShadowed(old);
        LlvmValue oldShadow = oldHasShadow ? Shadow(old) : default;
        LlvmType i64 = _generator.Context.Int64Type;
        var lanes = new LlvmValue[_width];
        for (int k = 0; k < _width; k++)
        {
            if (oldHasShadow)
            {
                var clone = new LlvmValue(LLVM.LLVMInstructionClone(call.Handle));
                clone.SetOperand(0, Lane(oldShadow, k));
                _builder.Insert(clone, call.Value.Name + "'");
                lanes[k] = clone;
            }
            else
            {
                LlvmFunction calloc = _emitter.DeclareFunction("calloc", LlvmType.Function(_generator.Context.PointerType(), [i64, i64]));
                lanes[k] = _emitter.CallFunction(calloc, call.GetArgument(1), LlvmValue.ConstInt(i64, 1));
            }
        }
        Record(call, FromLanes(call.Type, lanes));
    }

    /// <summary>Calls the forward derivative of a user function and takes primal and tangent from it.</summary>
    private void EmitDerivativeCall(LlvmInstruction call, LlvmFunction callee)
    {
        var shadowedParameters = new bool[call.ArgumentCount];
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            shadowedParameters[i] = HasDerivative(call.GetArgument(i));
        }
        bool wantsTangent = _analysis.IsShadowed(call.Value) && !call.Type.IsVoid;
        ForwardReturn kind = call.Type.IsVoid ? ForwardReturn.Void : wantsTangent ? ForwardReturn.PrimalAndTangent : ForwardReturn.PrimalOnly;
        LlvmFunction derivative = _generator.GetOrCreate(new ForwardSignature(callee, shadowedParameters, _width, kind));

        _builder.PositionBefore(call);
        var arguments = new List<LlvmValue>();
        for (int i = 0; i < call.ArgumentCount; i++)
        {
            LlvmValue argument = call.GetArgument(i);
            arguments.Add(argument);
            if (shadowedParameters[i])
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
            _shadows[primal.Handle] = t;
            _analysis.MarkShadowed(primal);
        }
        if (!call.Type.IsVoid)
        {
            call.Value.ReplaceAllUsesWith(primal);
        }
        _erase.Add(call);
    }

    private static void CopyDebugLocation(LlvmInstruction from, LlvmValue to) =>
        LLVM.LLVMInstructionSetDebugLoc(to.Handle, LLVM.LLVMInstructionGetDebugLoc(from.Handle));

    // ---- Completion ----

    private void CompletePhis()
    {
        foreach ((LlvmInstruction primal, LlvmValue tangent) in _phis)
        {
            uint count = LLVM.LLVMCountIncoming(primal.Handle);
            for (uint i = 0; i < count; i++)
            {
                var incoming = new LlvmValue(LLVM.LLVMGetIncomingValue(primal.Handle, i));
                var block = new LlvmBasicBlock(LLVM.LLVMGetIncomingBlock(primal.Handle, i));
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
