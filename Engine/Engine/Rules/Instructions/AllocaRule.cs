using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>p = alloca T, n</c>.
/// Tangent: a zero-initialised shadow allocation next to it, where the activity analysis gave
/// the slot shadow memory (<see cref="ShadowAllocation"/>, the same in both modes).
/// Adjoint: none: the shadow lives until the function returns, after the reverse sweep.
/// </summary>
public sealed class AllocaRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMAlloca];

    public override int[] ShadowOperands(LlvmInstruction instruction) => None;

    public override bool IsLinear => false;

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        if (context.IsShadowAllocation(instruction))
        {
            context.CreateShadowAllocation(instruction);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
        if (context.IsShadowAllocation(instruction))
        {
            context.CreateShadowAllocation(instruction);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
    }
}
