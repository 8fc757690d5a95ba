using Enzyme.Engine.Analysis;
using Enzyme.Engine.Diagnostics;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>{y, ok} = cmpxchg p, expected, new</c>: stores <c>new</c> at p if p held <c>expected</c>.
/// Tangent and adjoint: none. The compare-and-swap loop of an atomic add or subtract
/// (<c>old = *p; do new = old ± v; while (!cas(p, old, new))</c>, with its bit casts between
/// <c>double</c> and <c>i64</c>) is an <c>atomicrmw fadd/fsub</c> by then
/// (<see cref="Transforms.AtomicUpdateCanonicalization"/>), differentiated by <see cref="AtomicRmwRule"/>.
/// Any other compare-and-swap that moves data carrying derivatives through shadowed memory is refused
/// with ENZ2011 in both modes: whether it stored depends on a comparison of the primal values, and
/// moving integer-typed bits of a float would drop the derivative silently.
/// In reverse mode integer compare-and-swaps of data without floating-point bits (locks, counters) need
/// nothing; forward mode refuses any with shadowed operands on shadowed memory (it cannot tell the bits apart).
/// Activity: like a store of <c>new</c> through p (the memory gets a shadow, so the error is reported).
/// </summary>
public sealed class CompareExchangeRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMAtomicCmpXchg];

    public override int[] ShadowOperands(LlvmInstruction instruction) => None;

    public override bool IsLinear => false;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction) =>
        StoreRule.RequireShadows(context, instruction, instruction.Value.GetOperand(2), instruction.Value.GetOperand(0));

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        // Forward mode carries tangents in integers too (the bits of a double passed through a helper that
        // is not inlined), so any shadowed operand counts.
        if (context.HasShadow(value.GetOperand(0)) && (context.IsShadowed(value.GetOperand(1)) || context.IsShadowed(value.GetOperand(2))))
        {
            throw NotDifferentiable(context.PrimalName, instruction);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (context.HasShadow(value.GetOperand(0)) && (CarriesFloat(context.IsShadowed, value.GetOperand(1)) || CarriesFloat(context.IsShadowed, value.GetOperand(2))))
        {
            throw NotDifferentiable(context.PrimalName, instruction);
        }
    }

    /// <summary>
    /// A shadowed operand holding floating-point bits: of a float type, or a bit cast of one (how C and CUDA
    /// pass a double to an integer compare-and-swap). Integers loaded from shadowed memory are shadowed too,
    /// but a lock or counter carries no derivative.
    /// </summary>
    private static bool CarriesFloat(Func<LlvmValue, bool> isShadowed, LlvmValue operand) =>
        isShadowed(operand) && (TypeFacts.ContainsFloatingPoint(operand.Type)
            || (operand.AsInstruction() is { Opcode: LLVMOpcode.LLVMBitCast } cast && TypeFacts.ContainsFloatingPoint(cast.Value.GetOperand(0).Type)));

    private static EnzymeException NotDifferentiable(string function, LlvmInstruction instruction) =>
        new(DiagnosticCodes.AtomicNotDifferentiable,
            $"'{function}' contains a compare-and-swap (cmpxchg) of data that carries derivatives; only the compare-and-swap loop of an atomic "
            + "add or subtract of a float or double (old = *p; do new = old + v; while (!cas(p, old, new))) is differentiated; write the update as "
            + "__atomic_fetch_add/__atomic_fetch_sub (CUDA: atomicAdd on the float or double), or move it into a function marked __enzyme_inactivefn",
            instruction.DebugLocation);
}
