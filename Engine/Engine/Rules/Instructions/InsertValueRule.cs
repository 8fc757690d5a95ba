using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = insertvalue a, e, i…</c>.
/// Tangent: <c>ẏ = insertvalue ȧ, ė, i…</c> (linear).
/// Adjoint: <c>ē += extractvalue ȳ, i…; ā += insertvalue ȳ, 0, i…</c>.
/// </summary>
public sealed class InsertValueRule() : LinearInstructionRule(FirstTwo, LLVMOpcode.LLVMInsertValue)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue element = instruction.Value.GetOperand(1);
        uint[] indices = instruction.AggregateIndices;
        context.AddToAdjoint(element, AggregateIndices.ExtractAt(context.Builder, d, indices));
        context.AddToAdjoint(instruction.Value.GetOperand(0), AggregateIndices.InsertAt(context.Builder, d, indices, LlvmValue.ConstNull(element.Type)));
    }
}
