using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = insertvalue a, e, i…</c>.
/// Tangent: <c>ẏ = insertvalue ȧ, ė, i…</c> (linear).
/// Adjoint: <c>ē += extractvalue ȳ, i…; ā += insertvalue ȳ, 0, i…</c>.
/// </summary>
public sealed class InsertValueRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMInsertValue];

    public override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(value), element = value.GetOperand(1);
        uint[] indices = instruction.AggregateIndices;
        context.AddToAdjoint(element, AggregateIndices.ExtractAt(context.Builder, d, indices));
        context.AddToAdjoint(value.GetOperand(0), AggregateIndices.InsertAt(context.Builder, d, indices, LlvmValue.ConstNull(element.Type)));
    }
}
