using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = extractelement v, i</c>.
/// Tangent: <c>ẏ = extractelement v̇, i</c> (linear; the index carries no derivative).
/// Adjoint: <c>v̄ += insertelement zero, ȳ, i</c>.
/// </summary>
public sealed class ExtractElementRule() : LinearInstructionRule(First, LLVMOpcode.LLVMExtractElement)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue vector = instruction.Value.GetOperand(0);
        context.AddToAdjoint(vector, context.Builder.InsertElement(LlvmValue.ConstNull(vector.Type), d, context.Primal(instruction.Value.GetOperand(1))));
    }
}
