using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = extractvalue a, i…</c>.
/// Tangent: <c>ẏ = extractvalue ȧ, i…</c> (linear).
/// Adjoint: <c>ā += insertvalue zero, ȳ, i…</c>.
/// </summary>
public sealed class ExtractValueRule : InstructionRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMExtractValue];

    public override int[] ShadowOperands(LlvmInstruction instruction) => First;

    public override bool IsLinear => true;

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue aggregate = value.GetOperand(0);
        context.AddToAdjoint(aggregate, AggregateIndices.InsertAt(context.Builder, LlvmValue.ConstNull(aggregate.Type),
            instruction.AggregateIndices, context.TakeAdjoint(value)));
    }
}
