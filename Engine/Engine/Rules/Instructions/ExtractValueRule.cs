using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = extractvalue a, i…</c>.
/// Tangent: <c>ẏ = extractvalue ȧ, i…</c> (linear).
/// Adjoint: <c>ā += insertvalue zero, ȳ, i…</c>.
/// </summary>
public sealed class ExtractValueRule() : LinearInstructionRule(First, LLVMOpcode.LLVMExtractValue)
{
    protected override void EmitTranspose(IAdjointContext context, LlvmInstruction instruction, LlvmValue d)
    {
        LlvmValue aggregate = instruction.Value.GetOperand(0);
        context.AddToAdjoint(aggregate, AggregateIndices.InsertAt(context.Builder, LlvmValue.ConstNull(aggregate.Type), instruction.AggregateIndices, d));
    }
}
