using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = frem(a, b) = a - b·trunc(a/b)</c> (the quotient is piecewise constant).
/// Tangent: <c>ẏ = ȧ - ḃ·trunc(a/b)</c>.
/// Adjoint: <c>ā += ȳ; b̄ -= ȳ·trunc(a/b)</c>.
/// </summary>
public sealed class FloatRemainderRule : FloatBinaryRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFRem];

    protected override LlvmValue? PrepareTangent(ITangentContext context, LlvmInstruction instruction, bool secondActive)
    {
        LlvmValue a = instruction.Value.GetOperand(0), b = instruction.Value.GetOperand(1);
        return secondActive ? TruncatedQuotient(context.Emitter, a, b) : null;
    }

    protected override LlvmValue TangentLane(LlvmBuilder builder, LlvmInstruction instruction, LlvmValue? da, LlvmValue? db, LlvmValue? quotient) =>
        Sum(builder, da, db is { } y ? builder.FNeg(builder.FMul(y, quotient!.Value)) : null, instruction.Type);

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmValue d = context.TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
        context.AddToAdjoint(a, d);
        if (context.IsActive(b))
        {
            LlvmValue quotient = TruncatedQuotient(context.Emitter, context.Primal(a), context.Primal(b));
            context.AddToAdjoint(b, context.Builder.FNeg(context.Builder.FMul(d, quotient)));
        }
    }

    private static LlvmValue TruncatedQuotient(IrEmitter emitter, LlvmValue a, LlvmValue b) =>
        emitter.Intrinsic("trunc", [emitter.Builder.FDiv(a, b)]);
}
