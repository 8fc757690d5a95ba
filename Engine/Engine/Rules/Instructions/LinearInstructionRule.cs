using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// A rule for an instruction that is linear in its <see cref="InstructionRule.ShadowOperands"/>:
/// the tangent (and, in reverse mode's forward sweep, a mirrored address) is the instruction
/// applied to the operands' shadows, and the adjoint is the transpose, which a subclass writes in
/// <see cref="EmitTranspose"/> given the result's adjoint (taken once, here).
/// </summary>
public abstract class LinearInstructionRule(int[] shadowOperands, params LLVMOpcode[] opcodes) : InstructionRule
{
    public sealed override IReadOnlyList<LLVMOpcode> Opcodes { get; } = opcodes;

    public override int[] ShadowOperands(LlvmInstruction instruction) => shadowOperands;

    public sealed override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        if (context.IsActive(instruction.Value))
        {
            EmitTranspose(context, instruction, context.TakeAdjoint(instruction.Value));
        }
    }

    /// <summary>Adds the transpose applied to <paramref name="adjoint"/> (the result's adjoint) into the operands' adjoints.</summary>
    protected abstract void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue adjoint);
}
