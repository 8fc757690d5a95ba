using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// Original: <c>y = a / b</c>.
/// Tangent: <c>ẏ = (ȧ - y·ḃ) / b</c>.
/// Adjoint: <c>t = ȳ / b; ā += t; b̄ -= t·y</c>.
/// </summary>
public sealed class FloatDivideRule : FloatBinaryRule
{
    public override IReadOnlyList<LLVMOpcode> Opcodes { get; } = [LLVMOpcode.LLVMFDiv];

    /// <summary>
    /// Vector mode divides every lane by the same b: one reciprocal, then a multiplication per
    /// lane (divisions cost several multiplications, and LLVM may not form 1/b without fast-math).
    /// </summary>
    protected override LlvmValue? PrepareTangent(ITangentContext context, LlvmInstruction instruction, bool secondActive)
    {
        LlvmValue b = instruction.Value.GetOperand(1);
        return context.Width > 1 ? context.Builder.FDiv(IrEmitter.Constant(b.Type, 1.0), b) : null;
    }

    protected override LlvmValue TangentLane(LlvmBuilder builder, LlvmInstruction instruction, LlvmValue? da, LlvmValue? db, LlvmValue? reciprocal)
    {
        LlvmValue b = instruction.Value.GetOperand(1), result = instruction.Value;
        LlvmValue numerator = da is { } x && db is { } y ? builder.FSub(x, builder.FMul(result, y))
            : da ?? builder.FNeg(builder.FMul(result, db!.Value));
        return reciprocal is { } r ? builder.FMul(numerator, r) : builder.FDiv(numerator, b);
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction instruction)
    {
        LlvmValue value = instruction.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        // t = d / b serves both partials: a' += t, b' -= t * (a / b). One division
        // fewer than d/b and d*(a/b)/b, which matters in loops.
        LlvmValue d = context.TakeAdjoint(value), a = value.GetOperand(0), b = value.GetOperand(1);
        LlvmValue scaled = context.Builder.FDiv(d, context.Primal(b));
        if (context.IsActive(a))
        {
            context.AddToAdjoint(a, scaled);
        }
        if (context.IsActive(b))
        {
            context.AddToAdjoint(b, context.Builder.FNeg(context.Builder.FMul(scaled, context.Primal(value))));
        }
    }
}
