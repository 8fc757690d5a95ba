using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = extractelement v, i</c>.
/// Tangent: <c>ẏ = extractelement v̇, i</c> (linear; the index carries no derivative).
/// Adjoint: <c>v̄ += insertelement zero, ȳ, i</c>.
/// </summary>
public sealed class ExtractElementRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMExtractElement];

    public override int[] ShadowOperands(LlvmInstruction instruction) => First;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue vector = value.GetOperand(0);
        context.AddToAdjoint(vector, context.Builder.InsertElement(LlvmValue.ConstNull(vector.Type), context.TakeAdjoint(value), context.Primal(value.GetOperand(1))));
    }
}
