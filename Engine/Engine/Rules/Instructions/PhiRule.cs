using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = phi [a, p₁], [b, p₂], …</c>.
/// Tangent: <c>ẏ = phi [ȧ, p₁], [ḃ, p₂], …</c> (linear; completed when every block is done).
/// Adjoint: <c>ȳ</c> flows to the incoming value of the edge the forward sweep took; the reverse
/// sweep's control flow does that on its edges, so nothing is emitted here.
/// A phi of pointers needs a shadow from every source.
/// </summary>
public sealed class PhiRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMPHI];

    public override int[] ShadowOperands(LlvmInstruction instruction) => Enumerable.Range(0, instruction.Value.OperandCount).ToArray();

    public override bool IsLinear => true;

    public override void VisitActivity(IActivityContext context, LlvmInstruction instruction)
    {
        for (int i = 0; i < instruction.Value.OperandCount; i++)
        {
            if (context.IsShadowed(instruction.Value.GetOperand(i)))
            {
                context.Mark(instruction.Value);
                context.RequireShadowsOfEverySource(instruction);
                return;
            }
        }
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        if (context.IsShadowed(instruction.Value))
        {
            context.CreateShadowPhi(instruction);
        }
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction instruction)
    {
        if (context.IsMirrored(instruction))
        {
            context.CreateShadowPhi(instruction);
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
    }
}
