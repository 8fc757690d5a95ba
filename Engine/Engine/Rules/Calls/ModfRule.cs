using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>f = modf(x, &amp;i)</c> (C) or <c>{f, i} = llvm.modf(x)</c>.
/// Tangent: <c>ḟ = ẋ</c>, and the integral part has derivative 0 — written through the pointer
/// (C), or the second field of the intrinsic's result.
/// Adjoint: <c>x̄ += f̄</c>; the integral part's shadow is zeroed (the call overwrote it).
/// </summary>
public sealed class ModfRule : CallRule
{
    public override string Name => "modf";

    public override CallWrites Writes => CallWrites.SecondArgument;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => isIntrinsic
        ? callee.Name.StartsWith("llvm.modf", StringComparison.Ordinal)
        : callee.Name is "modf" or "modff" or "modfl";

    private static bool IsIntrinsic(LlvmInstruction call) => call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind;

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        bool shadowed = context.IsShadowed(call.Value);
        if (!shadowed && !(call.ArgumentCount > 1 && context.HasShadow(call.GetArgument(1))))
        {
            return;
        }
        context.PositionAfter(call);
        LlvmBuilder builder = context.Builder;
        LlvmValue x = call.GetArgument(0);
        if (IsIntrinsic(call))
        {
            LlvmValue shadowX = context.Shadow(x);
            var lanes = new LlvmValue[context.Width];
            for (int k = 0; k < context.Width; k++)
            {
                lanes[k] = builder.InsertValue(builder.InsertValue(LlvmValue.Poison(call.Type), context.Lane(shadowX, k), 0), LlvmValue.ConstNull(x.Type), 1);
            }
            context.Record(call, context.FromLanes(call.Type, lanes));
            return;
        }
        LlvmValue integral = call.GetArgument(1);
        if (shadowed)
        {
            context.Record(call, context.Shadow(x));
        }
        if (context.HasShadow(integral))
        {
            LlvmValue shadowPointer = context.Shadow(integral);
            for (int k = 0; k < context.Width; k++)
            {
                builder.Store(LlvmValue.ConstNull(x.Type), context.Lane(shadowPointer, k));
            }
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        if (call.ArgumentCount > 1 && context.HasShadow(call.GetArgument(1)))
        {
            context.Builder.Store(LlvmValue.ConstNull(call.GetArgument(0).Type), context.ShadowAddress(call.GetArgument(1)));
        }
        if (context.IsActive(call.Value))
        {
            LlvmValue d = context.TakeAdjoint(call.Value);
            context.AddToAdjoint(call.GetArgument(0), IsIntrinsic(call) ? context.Builder.ExtractValue(d, 0) : d);
        }
    }
}
