using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = insertelement v, e, i</c>.
/// Tangent: <c>ẏ = insertelement v̇, ė, i</c> (linear).
/// Adjoint: <c>ē += extractelement ȳ, i; v̄ += insertelement ȳ, 0, i</c>.
/// </summary>
public sealed class InsertElementRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMInsertElement];

    public override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(value), index = context.Primal(value.GetOperand(2));
        context.AddToAdjoint(value.GetOperand(1), context.Builder.ExtractElement(d, index));
        context.AddToAdjoint(value.GetOperand(0), context.Builder.InsertElement(d, LlvmValue.ConstNull(value.GetOperand(1).Type), index));
    }
}
