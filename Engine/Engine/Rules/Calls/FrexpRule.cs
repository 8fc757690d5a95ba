using Enzyme.Engine.Analysis;
using Enzyme.Engine.Rules.Instructions;
using Enzyme.Engine.Transforms;
using Enzyme.Llvm;
using Enzyme.Llvm.Interop;

namespace Enzyme.Engine.Rules.Calls;

/// <summary>
/// Original: <c>m = frexp(x, &amp;e)</c> (C) or <c>{m, e} = llvm.frexp(x)</c>; <c>m = x·2⁻ᵉ</c>.
/// Tangent: <c>ṁ = ẋ·2⁻ᵉ</c> (e is piecewise constant).
/// Adjoint: <c>x̄ += m̄·2⁻ᵉ</c>; the C form's exponent is loaded right after the call in the
/// forward sweep, since the memory it went to may change before the reverse sweep.
/// </summary>
public sealed class FrexpRule : CallRule
{
    public override string Name => "frexp";

    public override CallWrites Writes => CallWrites.SecondArgument;

    public override bool Matches(LlvmFunction callee, bool isIntrinsic) => isIntrinsic
        ? callee.Name.StartsWith("llvm.frexp", StringComparison.Ordinal)
        : callee.Name is "frexp" or "frexpf" or "frexpl";

    private static bool IsIntrinsic(LlvmInstruction call) => call.Type.Kind == LLVMTypeKind.LLVMStructTypeKind;

    /// <summary>2⁻ᵉ in the type of x.</summary>
    private static LlvmValue Scale(IrEmitter emitter, LlvmValue x, LlvmValue exponent)
    {
        LlvmValue negated = emitter.Builder.BinaryOperation(LLVMOpcode.LLVMSub, LlvmValue.ConstNull(exponent.Type), exponent);
        return emitter.Intrinsic("ldexp", [IrEmitter.Constant(x.Type, 1.0), negated], [x.Type, exponent.Type]);
    }

    public override void EmitTangent(ITangentContext context, LlvmInstruction call)
    {
        if (!context.IsShadowed(call.Value))
        {
            return;
        }
        context.PositionAfter(call);
        LlvmBuilder builder = context.Builder;
        LlvmValue x = call.GetArgument(0);
        bool isIntrinsic = IsIntrinsic(call);
        LlvmValue exponent = isIntrinsic
            ? builder.ExtractValue(call.Value, 1)
            : builder.Load(context.Emitter.Context.Int32Type, call.GetArgument(1));
        LlvmValue scale = Scale(context.Emitter, x, exponent);
        LlvmValue shadowX = context.Shadow(x);
        var lanes = new LlvmValue[context.Width];
        for (int k = 0; k < context.Width; k++)
        {
            LlvmValue dm = builder.FMul(context.Lane(shadowX, k), scale);
            lanes[k] = isIntrinsic ? builder.InsertValue(builder.InsertValue(LlvmValue.Poison(call.Type), dm, 0), exponent, 1) : dm;
        }
        context.Record(call, context.FromLanes(call.Type, lanes));
    }

    public override void InstrumentForwardSweep(IForwardSweepContext context, LlvmInstruction call)
    {
        if (!IsIntrinsic(call) && context.IsShadowed(call.Value))
        {
            LlvmBuilder builder = context.Emitter.Builder;
            builder.PositionBefore(call.Next!.Value);
            context.KeepForReverse(call, builder.Load(context.Emitter.Context.Int32Type, call.GetArgument(1), "frexp.exponent"));
        }
    }

    public override void EmitAdjoint(IAdjointContext context, LlvmInstruction call)
    {
        LlvmValue value = call.Value;
        if (!context.IsActive(value))
        {
            return;
        }
        LlvmBuilder builder = context.Builder;
        LlvmValue d = context.TakeAdjoint(value);
        LlvmValue x = call.GetArgument(0);
        bool isIntrinsic = IsIntrinsic(call);
        LlvmValue exponent = isIntrinsic ? builder.ExtractValue(context.Primal(value), 1) : context.Primal(context.Kept(call));
        LlvmValue dm = isIntrinsic ? builder.ExtractValue(d, 0) : d;
        context.AddToAdjoint(x, builder.FMul(dm, Scale(context.Emitter, x, exponent)));
    }
}
