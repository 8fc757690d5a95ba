using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = insertelement v, e, i</c>.
/// Tangent: <c>ẏ = insertelement v̇, ė, i</c> (linear).
/// Adjoint: <c>ē += extractelement ȳ, i; v̄ += insertelement ȳ, 0, i</c>.
/// </summary>
public sealed class InsertElementRule() : LinearInstructionRule(FirstTwo, LLVMOpcode.LLVMInsertElement)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue value = instruction.Value;
        LlvmValue index = context.Primal(value.GetOperand(2));
        context.AddToAdjoint(value.GetOperand(1), context.Builder.ExtractElement(d, index));
        context.AddToAdjoint(value.GetOperand(0), context.Builder.InsertElement(d, LlvmValue.ConstNull(value.GetOperand(1).Type), index));
    }
}
