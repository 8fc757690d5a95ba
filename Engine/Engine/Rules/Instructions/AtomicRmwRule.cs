using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = atomicrmw op p, v</c>: y is the old <c>*p</c>, and <c>*p</c> becomes <c>y + v</c> (fadd),
/// <c>y − v</c> (fsub), <c>v</c> (xchg), or the larger/smaller of y and v (fmax, fmin, fmaximum, fminimum).
/// Tangent: fadd, fsub and xchg are linear: the same atomic operation on <c>shadow(p)</c> with <c>v̇</c>
/// (same ordering and scope), and <c>ẏ</c> is what it returns, the old shadow. fmax/fmin:
/// <c>ẏ = *shadow(p); *shadow(p) = picked v ? v̇ : ẏ</c> . On a GPU the shadow update is a second atomic
/// operation that other threads may interleave with, so only fadd/fsub whose old value is unused are
/// differentiated there. Integer and pointer updates of shadowed memory are mirrored there.
/// Adjoint, with <c>s = *shadow(p)</c> read before <c>ȳ</c> flows in (y is the value before the update,
/// which v does not influence): fadd <c>v̄ += s</c>, fsub <c>v̄ −= s</c>, and <c>*shadow(p) += ȳ</c>
/// (the increment leaves the derivative of <c>*p</c> as it was); xchg <c>v̄ += s; *shadow(p) = ȳ</c>;
/// fmax/fmin <c>v̄ += picked v ? s : 0; *shadow(p) = (picked v ? 0 : s) + ȳ</c>. The read of s is a plain
/// load, atomic (monotonic) where other threads share the memory, and <c>ȳ</c> is accumulated as every
/// shadow update is (atomically on a GPU).
/// Refused (ENZ2011) where the derivative would depend on the order in which threads ran, i.e. on GPU
/// memory shared between threads: the old value of fadd/fsub used, xchg, fmax/fmin on active data.
/// Activity: like a store of v through p, and y is shadowed when p is.
/// </summary>
public sealed class AtomicRmwRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMAtomicRMW];

    public override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public override bool IsLinear => true;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        StoreRule.RequireShadows(context, instruction, value.GetOperand(1), value.GetOperand(0));
        if (context.IsShadowed(value.GetOperand(0)))
        {
            context.Mark(value);
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        LlvmValue pointer = instruction.Value.GetOperand(0);
        if (!context.HasShadow(pointer))
        {
            return;
        }
        LLVMAtomicRMWBinOp operation = instruction.AtomicRmwOperation;
        // On a GPU the shadow update is a second atomic: other threads may update the same memory
        // between the two, so only a sum whose old value is unused comes out the same in any order.
        if (context.IsGpuTarget && TypeFacts.IsFloatingPointValue(instruction.Type)
            && (!IsAccumulation(operation) || instruction.Value.Users.Any()))
        {
            throw OrderDependent(context.PrimalName, instruction, "forward mode");
        }
        if (!IsMinMax(operation))
        {
            context.CloneWithShadows(instruction, 0, 1);
            return;
        }
        // Single-threaded: the shadow takes the tangent of whichever value the update kept.
        LlvmBuilder builder = context.Builder;
        context.PositionAfter(instruction);
        LlvmValue value = instruction.Value.GetOperand(1);
        LlvmValue keptOld = KeptOld(builder, instruction.AtomicRmwOperation, instruction.Value, value);
        LlvmValue shadowPointer = context.Shadow(pointer), valueTangent = context.Shadow(value);
        uint alignment = instruction.Value.Alignment;
        var lanes = new LlvmValue[context.Width];
        for (int k = 0; k < context.Width; k++)
        {
            LlvmValue lanePointer = context.Lane(shadowPointer, k);
            LlvmValue oldTangent = builder.Load(instruction.Type, lanePointer, instruction.Value.Name + "'").WithAlignment(alignment);
            builder.Store(builder.Select(keptOld, oldTangent, context.Lane(valueTangent, k)), lanePointer).WithAlignment(alignment);
            lanes[k] = oldTangent;
        }
        context.Record(instruction, context.FromLanes(instruction.Type, lanes));
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
        // A pointer exchanged into shadow memory puts its shadow there too, as a store of it does;
        // floating-point data gets adjoints in the reverse sweep instead.
        LlvmValue value = instruction.Value.GetOperand(1);
        if (instruction.AtomicRmwOperation == LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpXchg && value.Type.IsPointer
            && context.HasShadow(instruction.Value.GetOperand(0)))
        {
            context.Mirror(instruction, 0, 1);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue result = instruction.Value, pointer = result.GetOperand(0), value = result.GetOperand(1);
        if (!TypeFacts.IsFloatingPointValue(value.Type) || !context.HasShadow(pointer))
        {
            // Integer and pointer updates carry no adjoint (as integer stores do not).
            return;
        }
        LLVMAtomicRMWBinOp operation = instruction.AtomicRmwOperation;
        // An unused old value has a zero adjoint: an atomic add whose result is discarded depends on no order.
        bool valueActive = context.IsActive(value), resultActive = context.IsActive(result) && result.Users.Any();
        if (!valueActive && !resultActive)
        {
            return;
        }
        bool shared = context.IsSharedBetweenThreads(pointer);
        bool accumulating = IsAccumulation(operation);
        if (shared && (!accumulating || resultActive))
        {
            throw OrderDependent(context.PrimalName, instruction, "reverse mode");
        }
        if (!accumulating && operation != LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpXchg && !IsMinMax(operation))
        {
            throw context.Unsupported(instruction, $"an 'atomicrmw {OperationName(operation)}' on floating-point data");
        }

        LlvmBuilder builder = context.Builder;
        uint alignment = result.Alignment;
        LlvmValue? resultAdjoint = resultActive ? context.TakeAdjoint(result) : null;
        LlvmValue shadowPointer = context.ShadowAddress(pointer);
        if (accumulating)
        {
            // *p += v leaves d*p unchanged and hands it to v; ȳ is the derivative of the old *p.
            if (valueActive)
            {
                LlvmValue load = builder.Load(value.Type, shadowPointer).WithAlignment(alignment);
                LlvmValue shadow = shared && value.Type.Kind != LLVMTypeKind.LLVMVectorTypeKind
                    ? load.WithOrdering(LLVMAtomicOrdering.LLVMAtomicOrderingMonotonic)
                    : load;
                context.AddToAdjoint(value, operation == LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFSub ? builder.FNeg(shadow) : shadow);
            }
            if (resultAdjoint is { } d)
            {
                context.AccumulateIntoShadow(pointer, d, alignment);
            }
            return;
        }

        // xchg and fmax/fmin overwrite *p: its derivative goes to the value kept, then ȳ flows in.
        LlvmValue current = builder.Load(value.Type, shadowPointer).WithAlignment(alignment);
        LlvmValue zero = LlvmValue.ConstNull(value.Type);
        LlvmValue toValue = current, remaining = zero;
        if (IsMinMax(operation))
        {
            LlvmValue keptOld = KeptOld(builder, operation, context.Primal(result), context.Primal(value));
            toValue = builder.Select(keptOld, zero, current);
            remaining = builder.Select(keptOld, current, zero);
        }
        if (valueActive)
        {
            context.AddToAdjoint(value, toValue);
        }
        builder.Store(resultAdjoint is { } seed ? builder.FAdd(remaining, seed) : remaining, shadowPointer).WithAlignment(alignment);
    }

    private static bool IsAccumulation(LLVMAtomicRMWBinOp operation) =>
        operation is LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFAdd or LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFSub;

    private static bool IsMinMax(LLVMAtomicRMWBinOp operation) => operation is LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMax
        or LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMin or LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMaximum or LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMinimum;

    /// <summary>
    /// Whether fmax/fmin left the old value <paramref name="old"/> in memory rather than <paramref name="value"/>:
    /// a tie keeps the old value (the first operand, as the engine's <c>fmax</c> rule does); fmax/fmin
    /// (maxnum/minnum) replace a NaN, fmaximum/fminimum propagate it.
    /// </summary>
    private static LlvmValue KeptOld(LlvmBuilder builder, LLVMAtomicRMWBinOp operation, LlvmValue old, LlvmValue value)
    {
        bool larger = operation is LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMax or LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMaximum;
        LlvmValue ordered = builder.FCmp(larger ? LLVMRealPredicate.LLVMRealOGE : LLVMRealPredicate.LLVMRealOLE, old, value);
        if (operation is LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMaximum or LLVMAtomicRMWBinOp.LLVMAtomicRMWBinOpFMinimum)
        {
            return ordered;
        }
        // maxnum/minnum keep the old value when the new one is NaN.
        LlvmValue valueIsNaN = builder.FCmp(LLVMRealPredicate.LLVMRealUNO, value, value);
        return builder.BinaryOperation(LLVMOpcode.LLVMOr, ordered, valueIsNaN);
    }

    private static string OperationName(LLVMAtomicRMWBinOp operation) =>
        operation.ToString().Replace("LLVMAtomicRMWBinOp", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static EnzymeException OrderDependent(string function, LlvmInstruction instruction, string mode) =>
        new(DiagnosticCodes.AtomicNotDifferentiable,
            $"'{function}' contains an 'atomicrmw {OperationName(instruction.AtomicRmwOperation)}' on active data in GPU memory shared between threads whose "
            + $"{mode} derivative depends on the order in which the threads ran (an exchange, a min/max, or the old value of an atomic add used); "
            + "accumulate with an atomic add whose result is unused, or have each thread write its own element with a plain store",
            instruction.DebugLocation);
}
