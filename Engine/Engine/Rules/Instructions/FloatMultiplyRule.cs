using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = a · b</c>.
/// Tangent: <c>ẏ = ȧ·b + a·ḃ</c>.
/// Adjoint: <c>ā += ȳ·b; b̄ += ȳ·a</c>.
/// </summary>
public sealed class FloatMultiplyRule : FloatBinaryRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFMul];

    protected override LlvmValue TangentLane(LlvmBuilder builder, LlvmInstruction instruction, LlvmValue? da, LlvmValue? db, LlvmValue? shared)
    {
        LlvmValue a = instruction.Value.GetOperand(0), b = instruction.Value.GetOperand(1);
        return Sum(builder, da is { } x ? builder.FMul(x, b) : null, db is { } y ? builder.FMul(a, y) : null, instruction.Type);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
        if (context.IsActive(a))
        {
            context.AddToAdjoint(a, context.Builder.FMul(d, context.Primal(b)));
        }
        if (context.IsActive(b))
        {
            context.AddToAdjoint(b, context.Builder.FMul(d, context.Primal(a)));
        }
    }
}
