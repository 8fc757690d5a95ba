using Enzyme.Llvm;

namespace Enzyme.Engine.Rules.Instructions;

/// <summary>
/// The shape shared by <c>fmul</c>, <c>fdiv</c> and <c>frem</c>: both operands carry
/// derivatives, and the tangent is a per-lane formula in the operands' tangents, with at most
/// one value computed once for all lanes (<see cref="PrepareTangent"/>).
/// </summary>
public abstract class FloatBinaryRule : InstructionRule
{
    public sealed override int[] ShadowOperands(LlvmInstruction instruction) => FirstTwo;

    public sealed override bool IsLinear => false;

    public sealed override void EmitTangent(ITangentContext context, LlvmInstruction instruction)
    {
        if (!context.IsShadowed(instruction.Value))
        {
            return;
        }
        context.PositionAfter(instruction);
        LlvmValue a = instruction.Value.GetOperand(0), b = instruction.Value.GetOperand(1);
        bool da = context.HasShadow(a), db = context.HasShadow(b);
        LlvmValue shadowA = context.Shadow(a), shadowB = context.Shadow(b);
        LlvmValue? shared = PrepareTangent(context, instruction, db);
        var lanes = new LlvmValue[context.Width];
        for (int k = 0; k < context.Width; k++)
        {
            LlvmValue laneA = context.Lane(shadowA, k), laneB = context.Lane(shadowB, k);
            lanes[k] = TangentLane(context.Builder, instruction, da ? laneA : null, db ? laneB : null, shared);
        }
        context.Record(instruction, context.FromLanes(instruction.Type, lanes));
    }

    /// <summary>A value every lane's formula uses, emitted once before them (null when none).</summary>
    protected virtual LlvmValue? PrepareTangent(ITangentContext context, LlvmInstruction instruction, bool secondActive) => null;

    /// <summary>One lane of the tangent; a null tangent is an inactive operand.</summary>
    protected abstract LlvmValue TangentLane(LlvmBuilder builder, LlvmInstruction instruction, LlvmValue? da, LlvmValue? db, LlvmValue? shared);

    /// <summary>The sum of the present terms, or zero of <paramref name="type"/> when neither is.</summary>
    protected static LlvmValue Sum(LlvmBuilder builder, LlvmValue? first, LlvmValue? second, LlvmType type) =>
        first is { } f ? (second is { } s ? builder.FAdd(f, s) : f) : second ?? LlvmValue.ConstNull(type);
}
