using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = atomicrmw op p, v</c> (y is the old value at p).
/// Tangent: the same atomic operation on <c>shadow(p)</c> with <c>v̇</c> (linear for xchg and fadd).
/// Adjoint: not yet: an atomic update of active data is an error in reverse mode.
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
        if (context.HasShadow(instruction.Value.GetOperand(0)))
        {
            context.CloneWithShadows(instruction, 0, 1);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction) =>
        UnsupportedInstructionRule.RejectWhenActive(context, instruction);
}
